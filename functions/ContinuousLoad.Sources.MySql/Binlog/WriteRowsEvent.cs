namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>WRITE_ROWS_EVENT (v1 type 23, v2 type 30): the after images of inserted rows.</summary>
public sealed record WriteRowsEvent(
    BinlogEventHeader Header, ulong TableId, ushort Flags, int ColumnCount, byte[] ColumnsPresent, byte[] ColumnsPresentAfter,
    ReadOnlyMemory<byte> Rows) : RowsEvent(Header, TableId, Flags, ColumnCount, ColumnsPresent, ColumnsPresentAfter, Rows)
{
    public static WriteRowsEvent Create(BinlogEventHeader header, ReadOnlySpan<byte> body, int postHeaderLength)
    {
        var parts = Read(header, body, postHeaderLength, isUpdate: false);
        return new WriteRowsEvent(header, parts.TableId, parts.Flags, parts.ColumnCount, parts.Present, parts.PresentAfter, parts.Rows);
    }
}
