namespace ContinuousLoad.Sources.Changes;

/// <summary>A row was deleted; <see cref="Before"/> holds at least its key columns.</summary>
public sealed record RowDeleted<TPosition>(TPosition Position, DateTimeOffset Time, RowValues Before) : SourceChange<TPosition>(Position, Time)
{
    public ChangeTable Table => Before.Table;
}
