using System.Numerics;
using System.Runtime.CompilerServices;
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
        switch (column.Type)
        {
            case MySqlColumnType.Tiny:
                reader.Skip(1, "TINYINT");
                break;
            case MySqlColumnType.Short:
                reader.Skip(2, "SMALLINT");
                break;
            case MySqlColumnType.Int24:
                reader.Skip(3, "MEDIUMINT");
                break;
            case MySqlColumnType.Long:
                reader.Skip(4, "INT");
                break;
            case MySqlColumnType.LongLong:
                reader.Skip(8, "BIGINT");
                break;
            case MySqlColumnType.Float:
                reader.Skip(4, "FLOAT");
                break;
            case MySqlColumnType.Double:
                reader.Skip(8, "DOUBLE");
                break;
            case MySqlColumnType.NewDecimal:
                reader.Skip(PackedDecimal.Size(column.Precision, column.Scale), "DECIMAL");
                break;
            case MySqlColumnType.Date or MySqlColumnType.NewDate:
                reader.Skip(3, "DATE");
                break;
            case MySqlColumnType.Time:
                reader.Skip(3, "TIME");
                break;
            case MySqlColumnType.Time2:
                reader.Skip(3 + TemporalValues.FractionBytes(column.FractionalDigits), "TIME2");
                break;
            case MySqlColumnType.DateTime:
                reader.Skip(8, "DATETIME");
                break;
            case MySqlColumnType.DateTime2:
                reader.Skip(5 + TemporalValues.FractionBytes(column.FractionalDigits), "DATETIME2");
                break;
            case MySqlColumnType.Timestamp:
                reader.Skip(4, "TIMESTAMP");
                break;
            case MySqlColumnType.Timestamp2:
                reader.Skip(4 + TemporalValues.FractionBytes(column.FractionalDigits), "TIMESTAMP2");
                break;
            case MySqlColumnType.Year:
                reader.Skip(1, "YEAR");
                break;
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
            case MySqlColumnType.Bit:
                reader.Skip((column.Length + 7) / 8, "BIT");
                break;
            default:
                throw new BinlogFormatException($"column {schema.Name}: type {column.Type} ({(byte)column.Type}) cannot be decoded from a row image (pre-5.0 DECIMAL and unknown types are not supported)");
        }
    }

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
