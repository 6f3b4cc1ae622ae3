namespace ContinuousLoad.Sources.Changes;

/// <summary>
/// One item of a source's change stream: a transaction boundary, a row change, or something only one
/// source has (a MySQL DDL statement, a PostgreSQL relation message). <see cref="Position"/> is where the
/// item lies in the source's log, in the source's own terms (a binlog file and offset with the GTID, a
/// transaction and its LSN); <see cref="Time"/> is when it happened at the source, which lag counts from.
/// Every source emits its row changes between a <see cref="TransactionBegin{TPosition}"/> and a
/// <see cref="TransactionCommit{TPosition}"/>, and a consumer checkpoints only at commits.
/// </summary>
public abstract record SourceChange<TPosition>(TPosition Position, DateTimeOffset Time);
