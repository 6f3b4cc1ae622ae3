namespace ContinuousLoad.Sources.Postgres.Changes;

/// <summary>
/// pgoutput Update ('U'). <see cref="OldRow"/> is present when the key changed or the table has
/// REPLICA IDENTITY FULL (<see cref="OldImage"/> says which); <see cref="NewRow"/> may hold
/// <see cref="Values.UnchangedToast"/> markers.
/// </summary>
public sealed record RowUpdated(uint Xid, Lsn CommitLsn, DateTimeOffset CommitTime, OldImageKind OldImage, RowImage? OldRow, RowImage NewRow)
    : ChangeMessage(Xid, CommitLsn, CommitTime);
