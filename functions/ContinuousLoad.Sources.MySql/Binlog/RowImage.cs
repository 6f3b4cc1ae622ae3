using System.Diagnostics.CodeAnalysis;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// One row image: a view over its rows event's bytes with a value per table column in ordinal order,
/// decoded when read. The typed getters (<c>GetInt64</c>, <c>GetString</c>, ... in RowImage.Getters.cs)
/// return values without boxing; <see cref="this[int]"/> and <see cref="Values"/> return the
/// <see cref="MySqlValues"/> representation (boxed, null for SQL NULL), decoded again on every read.
/// With a partial image (<c>binlog_row_image=MINIMAL|NOBLOB</c>) the columns the server left out are not
/// NULL but absent: <see cref="IsPresent"/> tells them apart. The event's bytes were checked when the
/// image was made (every length fits); a value whose content breaks its type's format (a DECIMAL digit
/// group out of range, malformed MySQL binary JSON) throws <see cref="BinlogFormatException"/> when read.
/// </summary>
public sealed partial class RowImage
{
    private readonly RowImageBytes _bytes;
    private readonly int _first;

    internal RowImage(RowImageBytes bytes, int first)
    {
        _bytes = bytes;
        _first = first;
    }

    public int Count => _bytes.ColumnCount;

    /// <summary>The value in the <see cref="MySqlValues"/> representation; null for NULL and for an absent column.</summary>
    public object? this[int column] => Offset(column) is >= 0 and var offset
        ? ColumnValueDecoder.ToObject(_bytes.From(offset), _bytes.Layout.Columns[column], _bytes.Layout.ColumnSchemas[column], _bytes.Layout.Kinds[column])
        : null;

    /// <summary>Every value in the <see cref="MySqlValues"/> representation, decoded into a new array.</summary>
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

    /// <summary>The .NET type the column's values have, the same for every row: which typed getter reads it.</summary>
    public MySqlValueKind Kind(int column) => _bytes.Layout.Kinds[column];

    /// <summary>The column's value is in the image (false only for a column a partial image leaves out).</summary>
    public bool IsPresent(int column) => Offset(column) != RowImageBytes.Absent;

    /// <summary>The column's value is SQL NULL (an absent column is not NULL: see <see cref="IsPresent"/>).</summary>
    public bool IsNull(int column) => Offset(column) == RowImageBytes.Null;

    /// <summary>Every column is in the image (always so with <c>binlog_row_image=FULL</c>).</summary>
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

    // Small enough to inline into the getters; a column outside the image must not read its neighbour's entries.
    private int Offset(int column)
    {
        if ((uint)column >= (uint)_bytes.ColumnCount)
        {
            ThrowNoSuchColumn(column);
        }

        return _bytes.Offsets[_first + column];
    }

    [DoesNotReturn]
    private void ThrowNoSuchColumn(int column) =>
        throw new ArgumentOutOfRangeException(nameof(column), column, $"the row image has columns 0 to {Count - 1}");
}
