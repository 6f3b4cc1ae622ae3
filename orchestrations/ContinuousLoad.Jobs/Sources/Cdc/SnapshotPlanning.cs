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
