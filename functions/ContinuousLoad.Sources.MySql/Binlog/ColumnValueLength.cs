using System.Numerics;
using System.Runtime.CompilerServices;
using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// Steps over one non-NULL column value of a row image (MySQL Internals "Binary row format", per type)
/// without decoding it: the pass that finds where each value starts. Every length is checked against
/// what is left of the event, with the field names of <see cref="ColumnValueDecoder"/>'s errors, so a
/// truncated or lying image fails here, when the event is read, and never when a value is read later.
/// ENUM and SET members are checked too: a member the schema does not know means the schema is stale.
/// </summary>
public static class ColumnValueLength
{
    /// <exception cref="BinlogFormatException">The value does not fit the event, or its type or metadata cannot be decoded.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Skip(ref BinlogSpanReader reader, in BinlogColumn column, BinlogColumnSchema schema)
    {
        var size = FixedSize(column);
        if (size > 0)
        {
            reader.Skip(size, FieldName(column.Type));
            return;
        }

        switch (column.Type)
        {
            case MySqlColumnType.VarChar or MySqlColumnType.VarString or MySqlColumnType.String:
                reader.Skip(column.Length < 256 ? reader.ReadByte("string length") : reader.ReadUInt16("string length"), "string");
                break;
            case MySqlColumnType.Blob or MySqlColumnType.TinyBlob or MySqlColumnType.MediumBlob or MySqlColumnType.LongBlob:
                SkipBlob(ref reader, column, "BLOB/TEXT");
                break;
            case MySqlColumnType.Geometry:
                SkipBlob(ref reader, column, "GEOMETRY");
                break;
            case MySqlColumnType.Json:
                SkipBlob(ref reader, column, "JSON");
                break;
            case MySqlColumnType.Enum:
                var index = reader.ReadUIntN(column.Length, "ENUM");
                if (index > (ulong)schema.Members.Count)
                {
                    throw ColumnValueDecoder.UnknownMember(schema, (int)Math.Min(index - 1, int.MaxValue));
                }

                break;
            case MySqlColumnType.Set:
                var bits = reader.ReadUIntN(column.Length, "SET");
                if (schema.Members.Count < 64 && bits >> schema.Members.Count != 0)
                {
                    throw ColumnValueDecoder.UnknownMember(schema, schema.Members.Count + BitOperations.TrailingZeroCount(bits >> schema.Members.Count));
                }

                break;
            case MySqlColumnType.NewDecimal:
                // FixedSize gave 0: the precision and scale are impossible, and Size says so.
                reader.Skip(PackedDecimal.Size(column.Precision, column.Scale), "DECIMAL");
                break;
            default:
                throw new BinlogFormatException($"column {schema.Name}: type {column.Type} ({(byte)column.Type}) cannot be decoded from a row image (pre-5.0 DECIMAL and unknown types are not supported)");
        }
    }

    /// <summary>
    /// The size of every value of a fixed-size type (numbers, temporals, BIT), worked out once per column;
    /// 0 for the types whose values carry their length or need checking (strings, BLOB/TEXT, JSON, GEOMETRY,
    /// ENUM, SET) and for impossible metadata, which <see cref="Skip"/> reports.
    /// </summary>
    public static int FixedSize(in BinlogColumn column) => column.Type switch
    {
        MySqlColumnType.Tiny or MySqlColumnType.Year => 1,
        MySqlColumnType.Short => 2,
        MySqlColumnType.Int24 or MySqlColumnType.Date or MySqlColumnType.NewDate or MySqlColumnType.Time => 3,
        MySqlColumnType.Long or MySqlColumnType.Float or MySqlColumnType.Timestamp => 4,
        MySqlColumnType.LongLong or MySqlColumnType.Double or MySqlColumnType.DateTime => 8,
        MySqlColumnType.NewDecimal => column.Precision is >= 1 and <= 65 && column.Scale <= column.Precision ? PackedDecimal.Size(column.Precision, column.Scale) : 0,
        MySqlColumnType.Time2 => 3 + TemporalValues.FractionBytes(column.FractionalDigits),
        MySqlColumnType.DateTime2 => 5 + TemporalValues.FractionBytes(column.FractionalDigits),
        MySqlColumnType.Timestamp2 => 4 + TemporalValues.FractionBytes(column.FractionalDigits),
        MySqlColumnType.Bit => (column.Length + 7) / 8,
        _ => 0,
    };

    private static string FieldName(MySqlColumnType type) => type switch
    {
        MySqlColumnType.Tiny => "TINYINT",
        MySqlColumnType.Short => "SMALLINT",
        MySqlColumnType.Int24 => "MEDIUMINT",
        MySqlColumnType.Long => "INT",
        MySqlColumnType.LongLong => "BIGINT",
        MySqlColumnType.NewDecimal => "DECIMAL",
        MySqlColumnType.Date or MySqlColumnType.NewDate => "DATE",
        MySqlColumnType.Time2 => "TIME2",
        MySqlColumnType.DateTime2 => "DATETIME2",
        MySqlColumnType.Timestamp2 => "TIMESTAMP2",
        MySqlColumnType.Float => "FLOAT",
        MySqlColumnType.Double => "DOUBLE",
        MySqlColumnType.Time => "TIME",
        MySqlColumnType.DateTime => "DATETIME",
        MySqlColumnType.Timestamp => "TIMESTAMP",
        MySqlColumnType.Year => "YEAR",
        _ => "BIT",
    };

    private static void SkipBlob(ref BinlogSpanReader reader, in BinlogColumn column, string field)
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

        reader.Skip((int)length, field);
    }
}
