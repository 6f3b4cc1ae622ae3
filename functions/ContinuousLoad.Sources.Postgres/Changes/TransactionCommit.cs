namespace ContinuousLoad.Sources.Postgres.Changes;

/// <summary>
/// A transaction's last message (pgoutput Commit, 'C'). <see cref="EndLsn"/> is the position to
/// acknowledge once the consumer has made the transaction durable: a resume from it starts after this
/// transaction, never inside or before it.
/// </summary>
public sealed record TransactionCommit(uint Xid, Lsn CommitLsn, Lsn EndLsn, DateTimeOffset CommitTime) : ChangeMessage(Xid, CommitLsn, CommitTime);
