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

    /// <summary>The table a database-level job reads after <see cref="Table"/>; null when it is the last.</summary>
    public string? NextTable { get; init; }

    /// <summary>How many of a database-level job's tables are read to their end before this one, of <see cref="TableCount"/>.</summary>
    public int TablesDone { get; init; }

    public int TableCount { get; init; }

    /// <summary>Where the snapshot goes once this range commits: on in its table after <paramref name="lastKey"/>, to the next table, or nowhere (null: done).</summary>
    protected SnapshotProgress? ProgressAfter(IReadOnlyList<string>? lastKey, bool tableEnded) =>
        !tableEnded ? new SnapshotProgress(lastKey, Table) { TablesDone = TablesDone, Tables = TableCount }
        : NextTable is { } next ? new SnapshotProgress(null, next) { TablesDone = TablesDone + 1, Tables = TableCount }
        : null;

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
