namespace ContinuousLoad.Sources.Changes;

/// <summary>
/// One row image: a value per column of its table, in ordinal order, in the source's value
/// representation. A column can be absent — the source did not send it (a MySQL partial image, a
/// PostgreSQL TOAST value an update left unchanged, the non-key columns of a key-only old row) — which is
/// not the same as NULL: <see cref="IsPresent"/> tells them apart.
/// </summary>
public abstract class RowValues
{
    /// <summary>The table the row belongs to, whose columns the values follow.</summary>
    public abstract ChangeTable Table { get; }

    public abstract int Count { get; }

    /// <summary>The value; null for NULL and for an absent column.</summary>
    public abstract object? this[int column] { get; }

    /// <summary>The value of the column named <paramref name="column"/>; null for NULL and for an absent column.</summary>
    /// <exception cref="KeyNotFoundException">The table has no such column.</exception>
    public object? this[string column] =>
        this[Table.IndexOf(column) is var ordinal and >= 0 ? ordinal : throw new KeyNotFoundException($"{Table.Schema}.{Table.Name} has no column '{column}'.")];

    /// <summary>Every value (null for NULL and absent columns), in a new array.</summary>
    public IReadOnlyList<object?> Values
    {
        get
        {
            var values = new object?[Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = this[i];
            }

            return values;
        }
    }

    /// <summary>The source sent this column's value (possibly NULL).</summary>
    public abstract bool IsPresent(int column);

    /// <summary>The column's value is SQL NULL (an absent column is not NULL).</summary>
    public abstract bool IsNull(int column);

    /// <summary>Every column is present.</summary>
    public bool IsFull
    {
        get
        {
            for (var i = 0; i < Count; i++)
            {
                if (!IsPresent(i))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
