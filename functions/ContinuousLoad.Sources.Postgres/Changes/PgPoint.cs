namespace ContinuousLoad.Sources.Postgres.Changes;

/// <summary>
/// Where a change of the logical-replication stream lies: its transaction's id, and an LSN — for the
/// transaction's begin and its changes, the LSN of its commit record (pgoutput names the transaction by
/// it); for its commit, the end of that record, which is what a consumer acknowledges once the
/// transaction is durable: a stream resumed from it starts after this transaction, never inside it.
/// </summary>
public readonly record struct PgPoint(uint Xid, Lsn Lsn);
