namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// One row image: a value per table column in ordinal order (<see cref="Values.MySqlValues"/>
/// representation, null for SQL NULL). With a partial image (<c>binlog_row_image=MINIMAL|NOBLOB</c>) the
/// columns the server left out are not NULL but absent: <see cref="IsPresent"/> tells them apart.
/// </summary>
public sealed class RowImage(object?[] values, byte[] present)
{
    public IReadOnlyList<object?> Values => values;

    public int Count => values.Length;

    public object? this[int column] => values[column];

    public bool IsPresent(int column) => (present[column / 8] & (1 << (column % 8))) != 0;

    /// <summary>Every column is in the image (always so with <c>binlog_row_image=FULL</c>).</summary>
    public bool IsFull
    {
        get
        {
            for (var i = 0; i < values.Length; i++)
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
