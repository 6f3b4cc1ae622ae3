namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// The row images of one rows event, kept as the event's bytes: for each image, one entry per column
/// (image × column count + ordinal) in <see cref="Offsets"/> — where the value starts in <see cref="Rows"/>,
/// or <see cref="Null"/>, or <see cref="Absent"/> for a column a partial image leaves out. One array per
/// event instead of a value array per row; values are decoded when they are read.
/// </summary>
internal sealed class RowImageBytes(RowImageLayout layout, ReadOnlyMemory<byte> rows, int[] offsets, int imageCount)
{
    public const int Null = -1;
    public const int Absent = -2;

    public RowImageLayout Layout => layout;

    public ReadOnlyMemory<byte> Rows => rows;

    public int[] Offsets => offsets;

    public int ImageCount => imageCount;

    public RowImage Image(int index) => new(this, index * layout.Columns.Length);
}
