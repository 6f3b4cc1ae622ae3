using DurableTask.Core;

namespace ContinuousLoad.Durable.Sqlite;

/// <summary>An orchestration work item with the lease that fences its completion.</summary>
internal sealed class SqliteOrchestrationWorkItem : TaskOrchestrationWorkItem
{
    public required string LockToken { get; init; }

    /// <summary>The execution the work item was taken for; a different one at completion means continue-as-new.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>How many events of the execution are stored already.</summary>
    public required int StoredEvents { get; init; }
}
