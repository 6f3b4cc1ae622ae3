using DurableTask.Core;

namespace ContinuousLoad.Durable.Sqlite;

/// <summary>An activity work item with the lease that fences its completion.</summary>
internal sealed class SqliteActivityWorkItem : TaskActivityWorkItem
{
    public required string LockToken { get; init; }

    public required long Row { get; init; }
}
