using System.Buffers.Binary;
using System.Text;
using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// The string-shaped row forms: CHAR/VARCHAR (1 or 2 length bytes by the column's maximum byte length),
/// BLOB/TEXT/JSON/GEOMETRY (a 1-4 byte length prefix), ENUM (member number), SET (member bits), and
/// DECIMAL wider than 28 digits (exact text).
/// </summary>
public static partial class ColumnValueDecoder
{
    /// <summary>CHAR/VARCHAR/TEXT in the column's charset, ENUM and SET as member text, JSON as text, DECIMAL(p > 28) as its digits.</summary>
    public static string ReadText(ReadOnlySpan<byte> value, in BinlogColumn column, BinlogColumnSchema schema)
    {
        switch (column.Type)
        {
            case MySqlColumnType.VarChar or MySqlColumnType.VarString or MySqlColumnType.String
                or MySqlColumnType.Blob or MySqlColumnType.TinyBlob or MySqlColumnType.MediumBlob or MySqlColumnType.LongBlob:
                return schema.Decode(Payload(value, column));
            case MySqlColumnType.Json:
                var json = Payload(value, column);
                return json.IsEmpty ? "null" : BinaryJson.ToText(json);
            case MySqlColumnType.Enum:
                var index = (int)LittleEndian(value, column.Length);
                return index == 0 ? "" : Member(schema, index - 1);
            case MySqlColumnType.Set:
                return SetText(LittleEndian(value, column.Length), schema);
            case MySqlColumnType.NewDecimal:
                return PackedDecimal.ToText(value, column.Precision, column.Scale);
            default:
                throw NotOfType(column, "text");
        }
    }

    /// <summary>BINARY/VARBINARY/BLOB and GEOMETRY, copied. BINARY(n) is stored without its trailing zero bytes; the value read by SELECT has them.</summary>
    public static byte[] ReadBytes(ReadOnlySpan<byte> value, in BinlogColumn column, BinlogColumnSchema schema)
    {
        if (column.Type is not (MySqlColumnType.VarChar or MySqlColumnType.VarString or MySqlColumnType.String or MySqlColumnType.Geometry
            or MySqlColumnType.Blob or MySqlColumnType.TinyBlob or MySqlColumnType.MediumBlob or MySqlColumnType.LongBlob))
        {
            throw NotOfType(column, "bytes");
        }

        var payload = Payload(value, column);
        var bytes = new byte[column.Type == MySqlColumnType.String ? Math.Max(payload.Length, column.Length) : payload.Length];
        payload.CopyTo(bytes);
        return bytes;
    }

    internal static BinlogFormatException UnknownMember(BinlogColumnSchema schema, int index) =>
        new($"column {schema.Name}: member {index + 1} is not among its {schema.Members.Count} known members; the table definition changed, reload its schema");

    // The bytes after a string's length prefix: CHAR/VARCHAR by the maximum byte length, the others by the metadata's prefix size.
    private static ReadOnlySpan<byte> Payload(ReadOnlySpan<byte> value, in BinlogColumn column)
    {
        if (column.Type is MySqlColumnType.VarChar or MySqlColumnType.VarString or MySqlColumnType.String)
        {
            return column.Length < 256 ? value.Slice(1, value[0]) : value.Slice(2, BinaryPrimitives.ReadUInt16LittleEndian(value));
        }

        return value.Slice(column.Length, (int)LittleEndian(value, column.Length));
    }

    private static string Member(BinlogColumnSchema schema, int index) =>
        index < schema.Members.Count ? schema.Members[index] : throw UnknownMember(schema, index);

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
