namespace ContinuousLoad.Sources.Postgres.Changes;

/// <summary>pgoutput Delete ('D'): the key ('K') or, under REPLICA IDENTITY FULL, the whole old row ('O').</summary>
public sealed record RowDeleted(uint Xid, Lsn CommitLsn, DateTimeOffset CommitTime, OldImageKind OldImage, RowImage OldRow)
    : ChangeMessage(Xid, CommitLsn, CommitTime);
