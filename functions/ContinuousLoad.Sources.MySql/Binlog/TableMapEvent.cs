using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// TABLE_MAP_EVENT (type 19, MySQL Internals "TABLE_MAP_EVENT"): binds a table id to a schema and table
/// and gives the column types, their metadata and nullability for the rows events that follow. Post-header:
/// table id (6 bytes; 4 when the post-header is 6 bytes long), flags (2). Body: schema and table names
/// (length byte, name, NUL), column count, type bytes, metadata block, null bitmap, then optional metadata
/// (see <see cref="TableMapMetadata"/>). Column names are only in the optional metadata
/// (<c>binlog_row_metadata=FULL</c>); otherwise they come from information_schema.
/// </summary>
public sealed record TableMapEvent(
    BinlogEventHeader Header, ulong TableId, ushort Flags, string Schema, string Table,
    BinlogColumn[] Columns, TableMapMetadata Metadata) : BinlogEvent(Header)
{
    public static TableMapEvent Create(BinlogEventHeader header, ReadOnlySpan<byte> body, int postHeaderLength)
    {
        var reader = new BinlogSpanReader(body, BinlogEventType.TableMap);
        var tableId = postHeaderLength == 6 ? reader.ReadUInt32("table id") : reader.ReadUInt48("table id");
        var flags = reader.ReadUInt16("flags");
        if (postHeaderLength > 8)
        {
            reader.Skip(postHeaderLength - 8, "post-header");
        }

        var schema = reader.ReadStringWithTerminator(reader.ReadByte("schema length"), "schema");
        var table = reader.ReadStringWithTerminator(reader.ReadByte("table length"), "table");
        var count = reader.ReadLengthEncodedLength("column count");
        var types = reader.ReadBytes(count, "column types");
        var metadataLength = reader.ReadLengthEncodedLength("metadata length");
        var metadata = new BinlogSpanReader(reader.ReadBytes(metadataLength, "column metadata"), BinlogEventType.TableMap);
        var nullBits = reader.ReadBytes((count + 7) / 8, "null bitmap");
        var columns = new BinlogColumn[count];
        for (var i = 0; i < count; i++)
        {
            columns[i] = ReadColumn((MySqlColumnType)types[i], ref metadata, (nullBits[i / 8] & (1 << (i % 8))) != 0);
        }

        if (metadata.Remaining != 0)
        {
            throw new BinlogFormatException($"TableMap event for {schema}.{table}: the column metadata block is {metadataLength} bytes, the column types use {metadata.Offset}");
        }

        var optional = reader.Remaining > 0 ? TableMapMetadata.Create(reader.ReadToEnd(), columns) : TableMapMetadata.None;
        return new TableMapEvent(header, tableId, flags, schema, table, columns, optional);
    }

    private static BinlogColumn ReadColumn(MySqlColumnType type, ref BinlogSpanReader metadata, bool nullable)
    {
        switch (type)
        {
            case MySqlColumnType.Float or MySqlColumnType.Double or MySqlColumnType.Blob or MySqlColumnType.TinyBlob
                or MySqlColumnType.MediumBlob or MySqlColumnType.LongBlob or MySqlColumnType.Geometry or MySqlColumnType.Json:
                return new BinlogColumn(type, metadata.ReadByte("column metadata"), 0, 0, nullable);
            case MySqlColumnType.Time2 or MySqlColumnType.DateTime2 or MySqlColumnType.Timestamp2:
                var digits = metadata.ReadByte("fractional digits");
                return digits <= 6 ? new BinlogColumn(type, digits, 0, 0, nullable)
                    : throw new BinlogFormatException($"TableMap event: a {type} column has at most 6 fractional digits, the metadata says {digits}");
            case MySqlColumnType.VarChar or MySqlColumnType.VarString:
                return new BinlogColumn(type, metadata.ReadUInt16("column metadata"), 0, 0, nullable);
            case MySqlColumnType.Bit:
                var bits = metadata.ReadByte("bit metadata");
                var bytes = metadata.ReadByte("bit metadata");
                return bits < 8 && (bytes * 8) + bits is > 0 and <= 64 ? new BinlogColumn(type, (bytes * 8) + bits, 0, 0, nullable)
                    : throw new BinlogFormatException($"TableMap event: a BIT column has 1 to 64 bits, the metadata says {bytes} bytes and {bits} bits");
            case MySqlColumnType.NewDecimal:
                var precision = metadata.ReadByte("decimal precision");
                var scale = metadata.ReadByte("decimal scale");
                return new BinlogColumn(type, 0, precision, scale, nullable);
            case MySqlColumnType.String or MySqlColumnType.Enum or MySqlColumnType.Set:
                // byte 0: real type with bits 4-5 of the length XOR-ed in (CHAR longer than 255 bytes); byte 1: length low bits.
                var real = metadata.ReadByte("string metadata");
                int length = metadata.ReadByte("string metadata");
                if ((real & 0x30) != 0x30)
                {
                    length |= ((real & 0x30) ^ 0x30) << 4;
                    real |= 0x30;
                }

                var realType = (MySqlColumnType)real;
                if ((realType == MySqlColumnType.Enum && length is not (1 or 2)) || (realType == MySqlColumnType.Set && length is < 1 or > 8))
                {
                    throw new BinlogFormatException($"TableMap event: an {realType} column is stored in {(realType == MySqlColumnType.Enum ? "1 or 2" : "1 to 8")} bytes, the metadata says {length}");
                }

                return new BinlogColumn(realType is MySqlColumnType.Enum or MySqlColumnType.Set ? realType : MySqlColumnType.String, length, 0, 0, nullable);
            default:
                return new BinlogColumn(type, 0, 0, 0, nullable);
        }
    }
}
