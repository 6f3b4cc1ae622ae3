namespace ContinuousLoad.Sources.Postgres.Changes;

/// <summary>pgoutput Truncate ('T'): one TRUNCATE statement over one or more published tables.</summary>
public sealed record TablesTruncated(uint Xid, Lsn CommitLsn, DateTimeOffset CommitTime, IReadOnlyList<RelationSchema> Relations, bool Cascade, bool RestartIdentity)
    : ChangeMessage(Xid, CommitLsn, CommitTime);
