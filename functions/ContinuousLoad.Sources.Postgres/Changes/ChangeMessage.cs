namespace ContinuousLoad.Sources.Postgres.Changes;

/// <summary>
/// One item of the change stream. Every item belongs to a transaction (pgoutput protocol 1 sends
/// nothing outside one) and carries that transaction's id, commit LSN and commit time, so a consumer
/// can group, order and checkpoint without keeping state. Acknowledge <see cref="TransactionCommit.EndLsn"/>.
/// </summary>
public abstract record ChangeMessage(uint Xid, Lsn CommitLsn, DateTimeOffset CommitTime);
