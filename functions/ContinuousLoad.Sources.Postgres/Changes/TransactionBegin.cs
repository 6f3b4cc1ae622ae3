namespace ContinuousLoad.Sources.Postgres.Changes;

/// <summary>A transaction's first message (pgoutput Begin, 'B'): its changes follow, then <see cref="TransactionCommit"/>.</summary>
public sealed record TransactionBegin(uint Xid, Lsn CommitLsn, DateTimeOffset CommitTime) : ChangeMessage(Xid, CommitLsn, CommitTime);
