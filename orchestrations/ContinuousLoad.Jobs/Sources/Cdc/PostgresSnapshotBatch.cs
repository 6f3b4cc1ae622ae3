using System.Text.Json.Serialization;

namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>
/// A PostgreSQL snapshot task: the slot's changes from <paramref name="StartLsn"/> up to the point the range
/// is read at, then the rows whose primary key is after <paramref name="After"/> and at most
/// <paramref name="UpTo"/> (null: to the end of the table, the last range) as of that point. The point is
/// chosen when the task opens (<see cref="PostgresSnapshotBatch.EndAt"/>); a re-run reads the range as of a
/// new point, which is as good, since nothing of the first run committed.
/// </summary>
public sealed record PostgresSnapshotBatch(ulong StartLsn, IReadOnlyList<string>? After, IReadOnlyList<string>? UpTo, bool FinishAfter, DateTime PlannedUtc)
    : SnapshotRangeBatch(FinishAfter, PlannedUtc)
{
    public const string Kind = "postgres-snapshot";

    /// <summary>As planned: the point is not known yet, so the start stands for it.</summary>
    [JsonIgnore]
    public override SourceOffset End => EndAt(StartLsn, new SnapshotRangeRead(1) { WholeRead = true });

    /// <summary>The offset once the range, read as of <paramref name="lsn"/> as <paramref name="read"/> found it, is committed: it ends at <see cref="UpTo"/>.</summary>
    public PostgresOffset EndAt(ulong lsn, SnapshotRangeRead read)
    {
        (read.LastKey, read.TableEnded) = (UpTo, UpTo is null);
        return ProgressAfter(read) is { } progress ? new PostgresOffset(lsn, progress) : new PostgresOffset(lsn, Finished: FinishAfter);
    }
}
