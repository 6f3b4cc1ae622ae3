using System.Text.Json.Serialization;

namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>
/// A snapshot task of either source: a key range read as of a point its opening chooses, after the changes before
/// that point. Its lag counts from when it was planned; nothing of it goes to a ledger.
/// </summary>
/// <param name="FinishAfter">The job snapshots only (<c>offset = snapshot</c>): the last range finishes it.</param>
public abstract record SnapshotRangeBatch(bool FinishAfter, DateTime PlannedUtc) : JobBatch
{
    /// <summary>A database-level job's source table this range reads (null: a table-level job's one table).</summary>
    public string? Table { get; init; }

    /// <summary>
    /// Tables a database-level job reads whole in this task once <see cref="Table"/> is read to its end: small tables share
    /// a task, as many as the range's rows hold (<see cref="SnapshotPlanning"/>).
    /// </summary>
    public IReadOnlyList<string> Whole { get; init; } = [];

    /// <summary>The table a database-level job reads after <see cref="Table"/> and <see cref="Whole"/>; null when they are the last.</summary>
    public string? NextTable { get; init; }

    /// <summary>How many of a database-level job's tables are read to their end before this one, of <see cref="TableCount"/>.</summary>
    public int TablesDone { get; init; }

    public int TableCount { get; init; }

    /// <summary>The chunks read before this range, of about <see cref="Chunks"/> (see <see cref="SnapshotProgress"/>).</summary>
    public int ChunksDone { get; init; }

    public int Chunks { get; init; }

    /// <summary>Where the snapshot goes once this range, as <paramref name="read"/> found it, commits: on in its table after the last key, past the tables it read, or nowhere (null: done).</summary>
    protected SnapshotProgress? ProgressAfter(SnapshotRangeRead read)
    {
        var chunksDone = ChunksDone + read.Chunks;
        var chunks = Math.Max(Chunks, chunksDone);
        return !read.TableEnded ? new SnapshotProgress(read.LastKey, Table) { TablesDone = TablesDone, Tables = TableCount, ChunksDone = chunksDone, Chunks = chunks }
            : !read.WholeRead && Whole.Count > 0 ? new SnapshotProgress(null, Whole[0]) { TablesDone = TablesDone + 1, Tables = TableCount, ChunksDone = chunksDone, Chunks = chunks }
            : NextTable is { } next ? new SnapshotProgress(null, next) { TablesDone = TablesDone + 1 + Whole.Count, Tables = TableCount, ChunksDone = chunksDone, Chunks = chunks }
            : null;
    }

    [JsonIgnore]
    public override bool ReadsSnapshot => true;

    [JsonIgnore]
    public override long Files => 0;

    [JsonIgnore]
    public override long Bytes => 0;

    [JsonIgnore]
    public override DateTime OldestUtc => PlannedUtc;

    [JsonIgnore]
    public override DateTime NewestUtc => PlannedUtc;

    [JsonIgnore]
    public override IReadOnlyList<string> LedgerKeys => [];
}
