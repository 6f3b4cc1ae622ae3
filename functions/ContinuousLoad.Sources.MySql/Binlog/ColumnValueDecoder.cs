using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// Reads one non-NULL column value of a row image (MySQL Internals "Binary row format", per type; the
/// layout each type's <c>Field::pack</c> writes) and returns it in the representation of
/// <see cref="MySqlValues"/>. Lengths come from the TABLE_MAP metadata; signedness, charset and
/// ENUM/SET members from <see cref="BinlogColumnSchema"/>.
/// </summary>
public static class ColumnValueDecoder
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static object Read(ref BinlogSpanReader reader, in BinlogColumn column, BinlogColumnSchema schema)
    {
        switch (column.Type)
        {
            case MySqlColumnType.Tiny:
                var tiny = reader.ReadByte("TINYINT");
                return schema.Unsigned ? (long)tiny : (long)(sbyte)tiny;
            case MySqlColumnType.Short:
                var small = reader.ReadUInt16("SMALLINT");
                return schema.Unsigned ? (long)small : (long)(short)small;
            case MySqlColumnType.Int24:
                var medium = reader.ReadUInt24("MEDIUMINT");
                return schema.Unsigned ? (long)medium : (long)(((int)(medium << 8)) >> 8);
            case MySqlColumnType.Long:
                var integer = reader.ReadUInt32("INT");
                return schema.Unsigned ? (long)integer : (long)(int)integer;
            case MySqlColumnType.LongLong:
                var big = reader.ReadUInt64("BIGINT");
                return schema.Unsigned ? big : (object)(long)big;
            case MySqlColumnType.Float:
                return BinaryPrimitives.ReadSingleLittleEndian(reader.ReadBytes(4, "FLOAT"));
            case MySqlColumnType.Double:
                return BinaryPrimitives.ReadDoubleLittleEndian(reader.ReadBytes(8, "DOUBLE"));
            case MySqlColumnType.NewDecimal:
                var packed = reader.ReadBytes(PackedDecimal.Size(column.Precision, column.Scale), "DECIMAL");
                return column.Precision <= MySqlValues.MaxDecimalPrecision
                    ? PackedDecimal.ToDecimal(packed, column.Precision, column.Scale)
                    : PackedDecimal.ToText(packed, column.Precision, column.Scale);
            case MySqlColumnType.Date or MySqlColumnType.NewDate:
                return TemporalValues.Date(reader.ReadUInt24("DATE"));
            case MySqlColumnType.Time:
                return TemporalValues.Time1(((int)(reader.ReadUInt24("TIME") << 8)) >> 8);
            case MySqlColumnType.Time2:
                return TemporalValues.Time2(reader.ReadBytes(3 + TemporalValues.FractionBytes(column.FractionalDigits), "TIME2"), column.FractionalDigits);
            case MySqlColumnType.DateTime:
                return TemporalValues.DateTime1(reader.ReadUInt64("DATETIME"));
            case MySqlColumnType.DateTime2:
                return TemporalValues.DateTime2(reader.ReadBytes(5 + TemporalValues.FractionBytes(column.FractionalDigits), "DATETIME2"), column.FractionalDigits);
            case MySqlColumnType.Timestamp:
                return TemporalValues.Timestamp(reader.ReadUInt32("TIMESTAMP"), 0, 0);
            case MySqlColumnType.Timestamp2:
                return TemporalValues.Timestamp2(reader.ReadBytes(4 + TemporalValues.FractionBytes(column.FractionalDigits), "TIMESTAMP2"), column.FractionalDigits);
            case MySqlColumnType.Year:
                var year = reader.ReadByte("YEAR");
                return year == 0 ? 0 : 1900 + year;
            case MySqlColumnType.VarChar or MySqlColumnType.VarString or MySqlColumnType.String:
                var length = column.Length < 256 ? reader.ReadByte("string length") : reader.ReadUInt16("string length");
                return TextOrBytes(reader.ReadBytes(length, "string"), schema, column.Type == MySqlColumnType.String ? column.Length : 0);
            case MySqlColumnType.Blob or MySqlColumnType.TinyBlob or MySqlColumnType.MediumBlob or MySqlColumnType.LongBlob:
                return TextOrBytes(ReadBlob(ref reader, column, "BLOB/TEXT"), schema, 0);
            case MySqlColumnType.Geometry:
                return ReadBlob(ref reader, column, "GEOMETRY").ToArray();
            case MySqlColumnType.Json:
                var json = ReadBlob(ref reader, column, "JSON");
                return json.IsEmpty ? "null" : BinaryJson.ToText(json);
            case MySqlColumnType.Enum:
                var index = (int)reader.ReadUIntN(column.Length, "ENUM");
                return index == 0 ? "" : Member(schema, index - 1);
            case MySqlColumnType.Set:
                return SetText(reader.ReadUIntN(column.Length, "SET"), schema);
            case MySqlColumnType.Bit:
                var bytes = reader.ReadBytes((column.Length + 7) / 8, "BIT");
                ulong bits = 0;
                foreach (var b in bytes)
                {
                    bits = bits << 8 | b;
                }

                return bits;
            default:
                throw new BinlogFormatException($"column {schema.Name}: type {column.Type} ({(byte)column.Type}) cannot be decoded from a row image (pre-5.0 DECIMAL and unknown types are not supported)");
        }
    }

    private static ReadOnlySpan<byte> ReadBlob(ref BinlogSpanReader reader, in BinlogColumn column, string field)
    {
        if (column.Length is < 1 or > 4)
        {
            throw new BinlogFormatException($"{field} column: expected a length prefix of 1 to 4 bytes in the metadata, found {column.Length}");
        }

        var length = reader.ReadUIntN(column.Length, field + " length");
        if (length > (ulong)reader.Remaining)
        {
            throw new BinlogFormatException($"{reader.EventType} event: a {field} value says {length} bytes, only {reader.Remaining} are left");
        }

        return reader.ReadBytes((int)length, field);
    }

    // BINARY(n) is stored without its trailing zero bytes; the value read by SELECT has them.
    private static object TextOrBytes(ReadOnlySpan<byte> bytes, BinlogColumnSchema schema, int fixedLength)
    {
        if (!schema.IsBinary)
        {
            return schema.Decode(bytes);
        }

        var value = new byte[Math.Max(bytes.Length, fixedLength)];
        bytes.CopyTo(value);
        return value;
    }

    private static string Member(BinlogColumnSchema schema, int index) =>
        index < schema.Members.Count ? schema.Members[index]
            : throw new BinlogFormatException($"column {schema.Name}: member {index + 1} is not among its {schema.Members.Count} known members; the table definition changed, reload its schema");

    private static string SetText(ulong bits, BinlogColumnSchema schema)
    {
        var text = new StringBuilder();
        for (var i = 0; bits != 0; i++, bits >>= 1)
        {
            if ((bits & 1) != 0)
            {
                text.Append(text.Length > 0 ? "," : "").Append(Member(schema, i));
            }
        }

        return text.ToString();
    }
}
