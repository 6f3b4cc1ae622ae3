using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// MySQL's binary JSON (MySQL source <c>json_binary.h</c>, "binary format"), the row form of JSON
/// columns in MySQL 5.7+, turned into the text MySQL prints (<c>{"a": 1, "b": [true, null]}</c>). A
/// value is a type byte and its data: small/large objects and arrays (element count, byte size, key
/// entries, value entries with small values inlined, offsets from the container start), literals,
/// int16/32/64, uint16/32/64, double, strings with a 7-bit variable length, and opaque values tagged
/// with a column type (DATE, TIME, DATETIME, TIMESTAMP, DECIMAL decoded; others as base64).
/// MariaDB stores JSON as LONGTEXT and never produces this format.
/// </summary>
public static class BinaryJson
{
    private const int MaxDepth = 100;

    public static string ToText(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            throw new BinlogFormatException("JSON value: expected a type byte, found an empty value");
        }

        var text = new StringBuilder();
        var values = value.Length;
        AppendValue(text, value[0], value[1..], 0, ref values);
        return text.ToString();
    }

    /// <param name="values">
    /// Values still allowed: a document of n bytes holds fewer than n, since every entry takes bytes of its
    /// own. Damaged entries that point at the same bytes again would multiply the work with every level.
    /// </param>
    private static void AppendValue(StringBuilder text, byte type, ReadOnlySpan<byte> data, int depth, ref int values)
    {
        if (depth > MaxDepth)
        {
            throw new BinlogFormatException($"JSON value: nested deeper than {MaxDepth} levels");
        }

        if (--values < 0)
        {
            throw new BinlogFormatException("JSON value: more values than the document has bytes for (entries point at the same bytes again)");
        }

        switch (type)
        {
            case 0x00 or 0x01:
                AppendContainer(text, data, large: type == 0x01, isObject: true, depth, ref values);
                break;
            case 0x02 or 0x03:
                AppendContainer(text, data, large: type == 0x03, isObject: false, depth, ref values);
                break;
            case 0x04:
                text.Append(Need(data, 1, "literal")[0] switch
                {
                    0x00 => "null",
                    0x01 => "true",
                    0x02 => "false",
                    var other => throw new BinlogFormatException($"JSON value: expected literal 0 (null), 1 (true) or 2 (false), found {other}"),
                });
                break;
            case 0x05: text.Append(BinaryPrimitives.ReadInt16LittleEndian(Need(data, 2, "int16"))); break;
            case 0x06: text.Append(BinaryPrimitives.ReadUInt16LittleEndian(Need(data, 2, "uint16"))); break;
            case 0x07: text.Append(BinaryPrimitives.ReadInt32LittleEndian(Need(data, 4, "int32"))); break;
            case 0x08: text.Append(BinaryPrimitives.ReadUInt32LittleEndian(Need(data, 4, "uint32"))); break;
            case 0x09: text.Append(BinaryPrimitives.ReadInt64LittleEndian(Need(data, 8, "int64"))); break;
            case 0x0A: text.Append(BinaryPrimitives.ReadUInt64LittleEndian(Need(data, 8, "uint64"))); break;
            case 0x0B:
                var number = BinaryPrimitives.ReadDoubleLittleEndian(Need(data, 8, "double"));
                var printed = number.ToString("R", CultureInfo.InvariantCulture);
                text.Append(printed.Contains('.') || printed.Contains('E') ? printed.Replace("E+", "e", StringComparison.Ordinal).Replace("E-", "e-", StringComparison.Ordinal) : printed + ".0");
                break;
            case 0x0C:
                var stringBytes = ReadVariableLengthData(data, "string");
                AppendQuoted(text, Encoding.UTF8.GetString(stringBytes));
                break;
            case 0x0F:
                AppendOpaque(text, data);
                break;
            default:
                throw new BinlogFormatException($"JSON value: unknown type byte 0x{type:x2} (expected 0x00-0x0C or 0x0F)");
        }
    }

    private static void AppendContainer(StringBuilder text, ReadOnlySpan<byte> data, bool large, bool isObject, int depth, ref int values)
    {
        var offsetSize = large ? 4 : 2;
        var count = ReadOffset(data, 0, large, "element count");
        var size = ReadOffset(data, offsetSize, large, "byte size");
        if (size > data.Length)
        {
            throw new BinlogFormatException($"JSON {(isObject ? "object" : "array")}: its size says {size} bytes, only {data.Length} are there");
        }

        data = data[..size];
        var keyEntrySize = offsetSize + 2;
        var valueEntrySize = 1 + offsetSize;
        var header = (2 * offsetSize) + (isObject ? count * keyEntrySize : 0) + (count * valueEntrySize);
        if (count < 0 || header > size)
        {
            throw new BinlogFormatException($"JSON {(isObject ? "object" : "array")}: {count} elements need a {header}-byte header, the container is {size} bytes");
        }

        text.Append(isObject ? '{' : '[');
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            if (isObject)
            {
                var keyEntry = (2 * offsetSize) + (i * keyEntrySize);
                var keyOffset = ReadOffset(data, keyEntry, large, "key offset");
                var keyLength = BinaryPrimitives.ReadUInt16LittleEndian(data[(keyEntry + offsetSize)..]);
                AppendQuoted(text, Encoding.UTF8.GetString(Slice(data, keyOffset, keyLength, "key")));
                text.Append(": ");
            }

            var valueEntry = (2 * offsetSize) + (isObject ? count * keyEntrySize : 0) + (i * valueEntrySize);
            var valueType = data[valueEntry];
            var entry = data.Slice(valueEntry + 1, offsetSize);
            if (IsInlined(valueType, large))
            {
                AppendValue(text, valueType, entry, depth + 1, ref values);
            }
            else
            {
                var offset = ReadOffset(data, valueEntry + 1, large, "value offset");
                AppendValue(text, valueType, Slice(data, offset, data.Length - Math.Min(offset, data.Length), "value"), depth + 1, ref values);
            }
        }

        text.Append(isObject ? '}' : ']');
    }

    // Literals and 16-bit integers fit in a small container's 2-byte entry; large ones also inline 32-bit integers.
    private static bool IsInlined(byte type, bool large) => type is 0x04 or 0x05 or 0x06 || (large && type is 0x07 or 0x08);

    private static void AppendOpaque(StringBuilder text, ReadOnlySpan<byte> data)
    {
        var fieldType = (MySqlColumnType)Need(data, 1, "opaque type")[0];
        var bytes = ReadVariableLengthData(data[1..], "opaque value");
        switch (fieldType)
        {
            case MySqlColumnType.NewDecimal when bytes.Length >= 2:
                text.Append(PackedDecimal.ToText(bytes[2..], bytes[0], bytes[1]));
                break;
            case MySqlColumnType.Date or MySqlColumnType.Time or MySqlColumnType.DateTime or MySqlColumnType.Timestamp when bytes.Length >= 8:
                text.Append('"').Append(PackedTemporalText(fieldType, BinaryPrimitives.ReadInt64LittleEndian(bytes))).Append('"');
                break;
            default:
                text.Append("\"base64:type").Append((int)fieldType).Append(':').Append(Convert.ToBase64String(bytes)).Append('"');
                break;
        }
    }

    // The "longlong packed" temporal form: integer part (ymd << 17 | hms) << 24 plus microseconds.
    private static string PackedTemporalText(MySqlColumnType type, long packed)
    {
        if (packed == long.MinValue)
        {
            throw new BinlogFormatException($"JSON {type} value: 0x{packed:x16} is not a packed temporal value");
        }

        var negative = packed < 0;
        var magnitude = Math.Abs(packed);
        var micro = magnitude & 0xFFFFFF;
        var integer = magnitude >> 24;
        if (type == MySqlColumnType.Time)
        {
            var hours = (integer >> 12) & 0x3FF;
            return string.Create(CultureInfo.InvariantCulture, $"{(negative ? "-" : "")}{hours:00}:{(integer >> 6) & 63:00}:{integer & 63:00}.{micro:000000}");
        }

        var ymd = integer >> 17;
        var hms = integer & 0x1FFFF;
        var date = string.Create(CultureInfo.InvariantCulture, $"{(ymd >> 5) / 13:0000}-{(ymd >> 5) % 13:00}-{ymd & 31:00}");
        return type == MySqlColumnType.Date ? date
            : string.Create(CultureInfo.InvariantCulture, $"{date} {hms >> 12:00}:{(hms >> 6) & 63:00}:{hms & 63:00}.{micro:000000}");
    }

    private static ReadOnlySpan<byte> ReadVariableLengthData(ReadOnlySpan<byte> data, string field)
    {
        var length = 0L;
        for (var i = 0; i < 5; i++)
        {
            var b = Need(data, i + 1, field + " length")[i];
            length |= (long)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                return Slice(data, i + 1, length > int.MaxValue ? int.MaxValue : (int)length, field);
            }
        }

        throw new BinlogFormatException($"JSON {field}: its variable-length size runs past 5 bytes");
    }

    private static int ReadOffset(ReadOnlySpan<byte> data, int at, bool large, string field)
    {
        var bytes = Slice(data, at, large ? 4 : 2, field);
        var value = large ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        return value > int.MaxValue ? throw new BinlogFormatException($"JSON {field}: {value} is out of range") : (int)value;
    }

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> data, int offset, int length, string field) =>
        offset < 0 || length < 0 || offset > data.Length || length > data.Length - offset
            ? throw new BinlogFormatException($"JSON value truncated: {field} needs {length} bytes at offset {offset}, the value has {data.Length}")
            : data.Slice(offset, length);

    private static ReadOnlySpan<byte> Need(ReadOnlySpan<byte> data, int length, string field) => Slice(data, 0, length, field);

    private static void AppendQuoted(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                '\b' => text.Append("\\b"),
                '\f' => text.Append("\\f"),
                < ' ' => text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => text.Append(c),
            };
        }

        text.Append('"');
    }
}
