using ContinuousLoad.Jobs.Definitions;

namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>
/// What both sources' snapshot plans share: which small tables a range reads whole after its own (so that a database
/// of many small tables takes about as many tasks as one table of their rows, not one task a table), and how many
/// chunks a snapshot has.
/// </summary>
public static class SnapshotPlanning
{
    /// <summary>Most tables one range reads whole: keeps a task's plan small where a database holds many empty tables.</summary>
    public const int MaxWholeTables = 64;

    /// <summary>
    /// <paramref name="batch"/>, a range of the table <paramref name="progress"/> is in, placed among the snapshot's
    /// <paramref name="tables"/> (a table-level job's: its one table): the small tables it reads whole after its own (when it
    /// <paramref name="mayEndTable"/> from the table's first row), the table after those, the tables done and how many, and
    /// the chunks done of about how many (from the source's row <paramref name="estimates"/>).
    /// </summary>
    /// <param name="countUpTo">A table's rows now, counted up to the number given.</param>
    public static async Task<TBatch> PlaceAsync<TBatch>(TBatch batch, CdcStreamSource cdc, SnapshotProgress progress, IReadOnlyList<string> tables,
        bool mayEndTable, Func<string, long, Task<long>> countUpTo, IReadOnlyDictionary<string, long> estimates)
        where TBatch : SnapshotRangeBatch
    {
        var table = progress.Table ?? cdc.Tables.Single;
        var following = tables.Where(t => string.CompareOrdinal(t, table) > 0).ToList();
        var whole = progress.After is null && mayEndTable && following.Count > 0
            ? await WholeTablesAsync(table, following, cdc.SnapshotRangeRows, countUpTo)
            : [];
        return (TBatch)(batch with
        {
            Table = progress.Table,
            Whole = whole,
            NextTable = following.Skip(whole.Count).FirstOrDefault(),
            TablesDone = tables.Count(t => string.CompareOrdinal(t, table) < 0),
            TableCount = progress.Table is null ? 0 : tables.Count,
            ChunksDone = progress.ChunksDone,
            Chunks = tables.Sum(t => ChunksOf(estimates.GetValueOrDefault(t), cdc.SnapshotSplitSize)),
        });
    }

    /// <summary>
    /// The tables of <paramref name="following"/> a range that starts at the first row of <paramref name="first"/> reads
    /// whole after it, in order: none unless <paramref name="first"/> fits the range's <paramref name="budget"/> rows, then
    /// each next table while the rows left hold it.
    /// </summary>
    /// <param name="countUpTo">A table's rows now, counted up to the number given.</param>
    public static async Task<IReadOnlyList<string>> WholeTablesAsync(string first, IEnumerable<string> following, long budget, Func<string, long, Task<long>> countUpTo)
    {
        var whole = new List<string>();
        var left = budget - await countUpTo(first, budget + 1);
        foreach (var table in following)
        {
            if (left < 0 || whole.Count == MaxWholeTables)
            {
                break;
            }

            var rows = await countUpTo(table, left + 1);
            if (rows > left)
            {
                break;
            }

            whole.Add(table);
            left -= rows;
        }

        return whole;
    }

    /// <summary>The chunks of a table of <paramref name="rows"/> rows: one per <c>snapshot_split_size</c> rows begun, and one for an empty table.</summary>
    public static int ChunksOf(long rows, int splitSize) => (int)Math.Max(1, (rows + splitSize - 1) / splitSize);
}
