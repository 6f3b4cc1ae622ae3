namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>UPDATE_ROWS_EVENT (v1 type 24, v2 type 31): pairs of before and after images. With <c>binlog_row_image=FULL</c> both images hold every column; MINIMAL/NOBLOB images are partial and their columns-present bitmaps say which.</summary>
public sealed record UpdateRowsEvent(
    BinlogEventHeader Header, ulong TableId, ushort Flags, int ColumnCount, byte[] ColumnsPresent, byte[] ColumnsPresentAfter,
    ReadOnlyMemory<byte> Rows) : RowsEvent(Header, TableId, Flags, ColumnCount, ColumnsPresent, ColumnsPresentAfter, Rows)
{
    public static UpdateRowsEvent Create(BinlogEventHeader header, ReadOnlySpan<byte> body, int postHeaderLength)
    {
        var parts = Read(header, body, postHeaderLength, isUpdate: true);
        return new UpdateRowsEvent(header, parts.TableId, parts.Flags, parts.ColumnCount, parts.Present, parts.PresentAfter, parts.Rows);
    }
}
