namespace ContinuousLoad.Sources.Changes;

/// <summary>
/// A transaction committed. Its <see cref="SourceChange{TPosition}.Position"/> is the resume point: a
/// stream started there continues with the next transaction, nothing lost and nothing repeated — what a
/// consumer records (and acknowledges to the source) once it has made the transaction durable.
/// </summary>
public sealed record TransactionCommit<TPosition>(TPosition Position, DateTimeOffset Time) : SourceChange<TPosition>(Position, Time);
