using System.Runtime.InteropServices;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// The row images of one rows event, kept as the event's bytes: for each image, one entry per column
/// (image × column count + ordinal) in <see cref="Offsets"/> — where the value starts in the rows part of
/// the event, or <see cref="Null"/>, or <see cref="Absent"/> for a column a partial image leaves out. One
/// array per event instead of a value array per row; values are decoded when they are read.
/// </summary>
internal sealed class RowImageBytes
{
    public const int Null = -1;
    public const int Absent = -2;
    private readonly byte[] _rows;
    private readonly int _rowsStart;

    public RowImageBytes(RowImageLayout layout, ReadOnlyMemory<byte> rows, int[] offsets, int imageCount)
    {
        Layout = layout;
        ColumnCount = layout.Columns.Length;
        Offsets = offsets;
        ImageCount = imageCount;
        // Rows events own their bytes as an array; anything else is copied once so every read is a plain array slice.
        if (MemoryMarshal.TryGetArray(rows, out var segment))
        {
            (_rows, _rowsStart) = (segment.Array!, segment.Offset);
        }
        else
        {
            (_rows, _rowsStart) = (rows.ToArray(), 0);
        }
    }

    public RowImageLayout Layout { get; }

    public int ColumnCount { get; }

    public int[] Offsets { get; }

    public int ImageCount { get; }

    /// <summary>The event's bytes from a value's start to the end of the rows.</summary>
    public ReadOnlySpan<byte> From(int offset) => _rows.AsSpan(_rowsStart + offset);

    public RowImage Image(int index) => new(this, index * ColumnCount);
}
