namespace ContinuousLoad.Sources.Changes;

/// <summary>
/// A row changed. <see cref="Before"/> is null when the source does not send the row before (PostgreSQL,
/// when the key did not change and the table's replica identity is the key), and may hold only the key
/// columns (the others absent); in <see cref="After"/> a column the source did not resend (a MySQL
/// partial image, an unchanged PostgreSQL TOAST value) is absent and keeps its old value.
/// </summary>
public sealed record RowUpdated<TPosition>(TPosition Position, DateTimeOffset Time, RowValues? Before, RowValues After) : SourceChange<TPosition>(Position, Time)
{
    public ChangeTable Table => After.Table;
}
