using System.Text.Json.Serialization;
using ContinuousLoad.Sources.MySql;

namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>
/// A MySQL snapshot task: the binlog's changes from <paramref name="Start"/> up to the position a consistent
/// snapshot is taken at, then the first <paramref name="Rows"/> rows after primary key <paramref name="After"/>
/// (<see cref="MySqlKeyText"/>; null: the first row) as of that position. The position and the last key are
/// known only as the task reads (<see cref="EndAt"/>); a re-run reads as of a new position, which is as good,
/// since nothing of the first run committed.
/// </summary>
public sealed record MySqlSnapshotBatch(MySqlOffset Start, IReadOnlyList<string>? After, int Rows, bool FinishAfter, DateTime PlannedUtc)
    : SnapshotRangeBatch(FinishAfter, PlannedUtc)
{
    public const string Kind = "mysql-snapshot";

    /// <summary>As planned: the position is not known yet, so the start stands for it.</summary>
    [JsonIgnore]
    public override SourceOffset End =>
        Start with { Snapshot = new SnapshotProgress(After, Table) { TablesDone = TablesDone, Tables = TableCount, ChunksDone = ChunksDone, Chunks = Chunks }, Finished = false };

    /// <summary>The offset once the range, read as of <paramref name="position"/> as <paramref name="read"/> found it, is committed.</summary>
    public MySqlOffset EndAt(BinlogPosition position, SnapshotRangeRead read)
    {
        read.LastKey ??= After;
        return ProgressAfter(read) is { } progress
            ? MySqlOffset.At(position) with { Snapshot = progress }
            : MySqlOffset.At(position) with { Finished = FinishAfter };
    }
}
