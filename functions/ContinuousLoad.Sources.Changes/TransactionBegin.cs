namespace ContinuousLoad.Sources.Changes;

/// <summary>A transaction starts; its row changes follow, then its <see cref="TransactionCommit{TPosition}"/>.</summary>
public sealed record TransactionBegin<TPosition>(TPosition Position, DateTimeOffset Time) : SourceChange<TPosition>(Position, Time);
