namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>
/// What reading a snapshot range found, which only reading knows: the last key read of its table
/// (<see cref="MySqlKeyText"/> for MySQL), whether the table has no rows after it, whether the whole tables after it
/// were read, and how many chunks of <paramref name="splitSize"/> rows that was.
/// </summary>
public sealed class SnapshotRangeRead(int splitSize)
{
    public IReadOnlyList<string>? LastKey { get; set; }

    public bool TableEnded { get; set; }

    /// <summary>The range's <see cref="SnapshotRangeBatch.Whole"/> tables were read (after its table ended).</summary>
    public bool WholeRead { get; set; }

    public int Chunks { get; private set; }

    /// <summary>Counts a table's <paramref name="rows"/> read in this range: a chunk per <c>snapshot_split_size</c> rows begun, and one for an empty table.</summary>
    public void Counted(long rows) => Chunks += SnapshotPlanning.ChunksOf(rows, splitSize);
}
