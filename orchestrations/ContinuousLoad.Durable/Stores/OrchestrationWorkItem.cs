using ContinuousLoad.Durable.History;

namespace ContinuousLoad.Durable.Stores;

/// <summary>
/// A locked instance with the messages it has to handle: the current execution's history, the batch
/// of new messages (marked with the lease token), and the store's clock at locking time.
/// </summary>
public sealed record OrchestrationWorkItem(
    string InstanceId,
    string ExecutionId,
    string Name,
    OrchestrationRuntimeStatus Status,
    string LockToken,
    DateTime Now,
    IReadOnlyList<HistoryEvent> History,
    IReadOnlyList<InboxMessage> Messages);

/// <summary>A message waiting for an instance; <see cref="ExecutionId"/> is null for instance-scoped ones (events, suspend, resume, terminate).</summary>
public sealed record InboxMessage(long Id, string? ExecutionId, HistoryEvent Event, int DequeueCount);
