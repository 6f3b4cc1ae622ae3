namespace ContinuousLoad.Jobs.Orchestration;

/// <summary>
/// A database-level job's <c>load.max_filter_ratio</c>, enforced as Doris does: over the tasks that finished in the last
/// <c>max_interval × 10</c> seconds, not task by task (spec B.6). Each committed task adds its rows; those older than the
/// window fall out. Kept in the job's state.
/// </summary>
public sealed class FilterWindow
{
    public List<FilterWindowEntry> Entries { get; set; } = [];

    /// <summary>Adds a task's rows at <paramref name="now"/> and says whether the window's filtered share is above <paramref name="maxRatio"/>.</summary>
    public bool Breached(DateTime now, TimeSpan length, long scanned, long filtered, double maxRatio, out double ratio)
    {
        Entries.Add(new FilterWindowEntry(now, scanned, filtered));
        Entries.RemoveAll(e => e.FinishUtc < now - length);
        var total = Entries.Sum(e => e.ScannedRows);
        ratio = total == 0 ? 0 : (double)Entries.Sum(e => e.FilteredRows) / total;
        return ratio > maxRatio;
    }
}

/// <summary>One committed task in a <see cref="FilterWindow"/>.</summary>
public sealed record FilterWindowEntry(DateTime FinishUtc, long ScannedRows, long FilteredRows);
