namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>DELETE_ROWS_EVENT (v1 type 25, v2 type 32): the before images of deleted rows.</summary>
public sealed record DeleteRowsEvent(
    BinlogEventHeader Header, ulong TableId, ushort Flags, int ColumnCount, byte[] ColumnsPresent, byte[] ColumnsPresentAfter,
    ReadOnlyMemory<byte> Rows) : RowsEvent(Header, TableId, Flags, ColumnCount, ColumnsPresent, ColumnsPresentAfter, Rows)
{
    public static DeleteRowsEvent Create(BinlogEventHeader header, ReadOnlySpan<byte> body, int postHeaderLength)
    {
        var parts = Read(header, body, postHeaderLength, isUpdate: false);
        return new DeleteRowsEvent(header, parts.TableId, parts.Flags, parts.ColumnCount, parts.Present, parts.PresentAfter, parts.Rows);
    }
}
