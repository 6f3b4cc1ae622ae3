namespace ContinuousLoad.Durable.Stores;

/// <summary>A locked activity call: which instance and execution scheduled it, as which task, with which input.</summary>
public sealed record ActivityWorkItem(
    long Id,
    string InstanceId,
    string ExecutionId,
    int TaskId,
    string Name,
    string? Input,
    string LockToken,
    int DequeueCount);
