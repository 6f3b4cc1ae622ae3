using System.Diagnostics.CodeAnalysis;
using ContinuousLoad.Sources.Changes;
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
public sealed partial class RowImage : RowValues
{
    private readonly RowImageBytes _bytes;
    private readonly int _first;

    internal RowImage(RowImageBytes bytes, int first)
    {
        _bytes = bytes;
        _first = first;
    }

    public override ChangeTable Table => _bytes.Layout.Schema;

    public override int Count => _bytes.ColumnCount;

    /// <summary>The value in the <see cref="MySqlValues"/> representation; null for NULL and for an absent column.</summary>
    public override object? this[int column] => Offset(column) is >= 0 and var offset
        ? ColumnValueDecoder.ToObject(_bytes.From(offset), _bytes.Layout.Columns[column], _bytes.Layout.ColumnSchemas[column], _bytes.Layout.Kinds[column])
        : null;

    /// <summary>The .NET type the column's values have, the same for every row: which typed getter reads it.</summary>
    public MySqlValueKind Kind(int column) => _bytes.Layout.Kinds[column];

    /// <summary>The column's value is in the image (false only for a column a partial image leaves out).</summary>
    public override bool IsPresent(int column) => Offset(column) != RowImageBytes.Absent;

    /// <summary>The column's value is SQL NULL (an absent column is not NULL: see <see cref="IsPresent"/>).</summary>
    public override bool IsNull(int column) => Offset(column) == RowImageBytes.Null;

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
