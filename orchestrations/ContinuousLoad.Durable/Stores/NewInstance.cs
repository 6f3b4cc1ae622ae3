namespace ContinuousLoad.Durable.Stores;

/// <summary>An instance to create: its first execution starts at <see cref="StartAt"/>.</summary>
public sealed record NewInstance(string InstanceId, string ExecutionId, string Name, string? Input, DateTime StartAt);
