namespace ContinuousLoad.Ingest.Pipeline;

/// <summary>Doris's row accounting: every row read is loaded, filtered (bad data) or unselected (by <c>where</c>).</summary>
public sealed class LoadCounters
{
    public long Total { get; set; }

    public long Loaded { get; set; }

    public long Filtered { get; set; }

    public long Unselected { get; set; }

    public void Add(LoadCounters other)
    {
        Total += other.Total;
        Loaded += other.Loaded;
        Filtered += other.Filtered;
        Unselected += other.Unselected;
    }

    /// <summary>Doris's test: filtered ÷ (total − unselected) above the ratio fails the load; nothing selected passes.</summary>
    public bool TooManyFiltered(double maxFilterRatio)
    {
        var selected = Total - Unselected;
        return selected > 0 && (double)Filtered / selected > maxFilterRatio;
    }
}
