using System.Runtime.CompilerServices;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// What WRITE_ROWS, UPDATE_ROWS and DELETE_ROWS share (MySQL Internals "ROWS_EVENT"), v1 (types 23-25,
/// MariaDB and MySQL 5.5) and v2 (types 30-32, MySQL 5.6+). Post-header: table id (6), flags (2), and in
/// v2 an extra-data length (2, counting itself) followed by that extra data, skipped. Body: column count,
/// the columns-present bitmap (and for updates a second one for the after image), then the row images.
/// The images stay as bytes here; <see cref="RowImageDecoder"/> turns them into values with the table's
/// TABLE_MAP, so an event for a table nobody reads costs one copy.
/// </summary>
public abstract record RowsEvent(
    BinlogEventHeader Header, ulong TableId, ushort Flags, int ColumnCount, byte[] ColumnsPresent, byte[] ColumnsPresentAfter,
    ReadOnlyMemory<byte> Rows) : BinlogEvent(Header)
{
    /// <summary>The last rows event of its statement (<c>STMT_END_F</c>).</summary>
    public bool IsStatementEnd => (Flags & 1) != 0;

    protected readonly record struct Parts(ulong TableId, ushort Flags, int ColumnCount, byte[] Present, byte[] PresentAfter, byte[] Rows);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected static Parts Read(BinlogEventHeader header, ReadOnlySpan<byte> body, int postHeaderLength, bool isUpdate)
    {
        var type = header.EventType;
        var version2 = type is BinlogEventType.WriteRowsV2 or BinlogEventType.UpdateRowsV2 or BinlogEventType.DeleteRowsV2;
        var reader = new BinlogSpanReader(body, type);
        var tableId = postHeaderLength == 6 ? reader.ReadUInt32("table id") : reader.ReadUInt48("table id");
        var flags = reader.ReadUInt16("flags");
        if (version2)
        {
            var extraLength = reader.ReadUInt16("extra data length");
            if (extraLength < 2)
            {
                throw new BinlogFormatException($"{type} event: the extra data length counts its own 2 bytes, so it must be at least 2, found {extraLength}");
            }

            reader.Skip(extraLength - 2, "extra data");
        }

        var declared = reader.ReadLengthEncoded("column count");
        if (declared > (ulong)reader.Remaining * 8)
        {
            throw new BinlogFormatException($"{type} event: {declared} columns need a {(declared + 7) / 8}-byte bitmap, only {reader.Remaining} bytes are left");
        }

        var count = (int)declared;
        var bitmapLength = (count + 7) / 8;
        var present = reader.ReadBytes(bitmapLength, "columns-present bitmap").ToArray();
        var presentAfter = isUpdate ? reader.ReadBytes(bitmapLength, "after-image columns-present bitmap").ToArray() : present;
        // The images outlive the packet buffer (row images are views over them): one copy, not zeroed first.
        var images = reader.ReadToEnd();
        var rows = GC.AllocateUninitializedArray<byte>(images.Length);
        images.CopyTo(rows);
        return new Parts(tableId, flags, count, present, presentAfter, rows);
    }
}
