namespace ContinuousLoad.Sources.Changes;

/// <summary>A row was inserted; <see cref="Row"/> is its after image.</summary>
public sealed record RowInserted<TPosition>(TPosition Position, DateTimeOffset Time, RowValues Row) : SourceChange<TPosition>(Position, Time)
{
    public ChangeTable Table => Row.Table;
}
