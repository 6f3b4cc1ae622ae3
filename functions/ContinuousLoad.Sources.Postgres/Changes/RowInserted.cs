namespace ContinuousLoad.Sources.Postgres.Changes;

/// <summary>pgoutput Insert ('I').</summary>
public sealed record RowInserted(uint Xid, Lsn CommitLsn, DateTimeOffset CommitTime, RowImage NewRow) : ChangeMessage(Xid, CommitLsn, CommitTime);
