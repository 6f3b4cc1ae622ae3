using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// The optional metadata block at the end of TABLE_MAP (MySQL 8.0.1+ and MariaDB 10.5+ with
/// <c>binlog_row_metadata=MINIMAL|FULL</c>; MySQL source <c>rows_event.h</c>, Table_map_event
/// Optional_metadata_field_type): type (1), length (length-encoded), value. Each array is indexed by column
/// and null when the server did not send the field. Unknown fields are skipped by their length.
/// </summary>
public sealed record TableMapMetadata(
    bool[]? Unsigned, int[]? Collations, string[]? ColumnNames, string[][]? EnumOrSetValues)
{
    public static readonly TableMapMetadata None = new(null, null, null, null);

    private const byte Signedness = 1;
    private const byte DefaultCharset = 2;
    private const byte ColumnCharset = 3;
    private const byte ColumnName = 4;
    private const byte SetValues = 5;
    private const byte EnumValues = 6;

    public static TableMapMetadata Create(ReadOnlySpan<byte> data, BinlogColumn[] columns)
    {
        bool[]? unsigned = null;
        int[]? collations = null;
        string[]? names = null;
        string[][]? values = null;
        var reader = new BinlogSpanReader(data, BinlogEventType.TableMap);
        while (reader.Remaining > 0)
        {
            var field = reader.ReadByte("optional metadata type");
            var length = reader.ReadLengthEncodedLength("optional metadata length");
            var value = new BinlogSpanReader(reader.ReadBytes(length, "optional metadata"), BinlogEventType.TableMap);
            switch (field)
            {
                case Signedness:
                    unsigned = ReadSignedness(ref value, columns);
                    break;
                case DefaultCharset or ColumnCharset:
                    collations = ReadCollations(ref value, columns, field == DefaultCharset);
                    break;
                case ColumnName:
                    names = new string[columns.Length];
                    for (var i = 0; i < names.Length; i++)
                    {
                        names[i] = value.ReadString(value.ReadLengthEncodedLength("column name length"), "column name");
                    }

                    break;
                case SetValues or EnumValues:
                    values ??= new string[columns.Length][];
                    ReadEnumOrSetValues(ref value, columns, field == EnumValues ? MySqlColumnType.Enum : MySqlColumnType.Set, values);
                    break;
            }
        }

        return new TableMapMetadata(unsigned, collations, names, values);
    }

    // One bit per numeric column, most significant bit first.
    private static bool[] ReadSignedness(ref BinlogSpanReader value, BinlogColumn[] columns)
    {
        var result = new bool[columns.Length];
        var bits = value.RemainingBytes;
        var numeric = 0;
        for (var i = 0; i < columns.Length; i++)
        {
            if (IsNumeric(columns[i].Type))
            {
                if (numeric / 8 >= bits.Length)
                {
                    throw new BinlogFormatException($"TableMap event: the signedness bitmap has {bits.Length} bytes, too few for numeric column {numeric + 1}");
                }

                result[i] = (bits[numeric / 8] & (0x80 >> (numeric % 8))) != 0;
                numeric++;
            }
        }

        return result;
    }

    private static int[] ReadCollations(ref BinlogSpanReader value, BinlogColumn[] columns, bool withDefault)
    {
        var result = new int[columns.Length];
        var characterColumns = columns.Select((column, index) => (column, index)).Where(c => IsCharacter(c.column.Type)).Select(c => c.index).ToArray();
        if (withDefault)
        {
            var fallback = (int)value.ReadLengthEncoded("default collation");
            foreach (var index in characterColumns)
            {
                result[index] = fallback;
            }

            while (value.Remaining > 0)
            {
                var position = (int)value.ReadLengthEncoded("character column index");
                var collation = (int)value.ReadLengthEncoded("collation");
                if (position < characterColumns.Length)
                {
                    result[characterColumns[position]] = collation;
                }
            }
        }
        else
        {
            foreach (var index in characterColumns)
            {
                result[index] = (int)value.ReadLengthEncoded("collation");
            }
        }

        return result;
    }

    private static void ReadEnumOrSetValues(ref BinlogSpanReader value, BinlogColumn[] columns, MySqlColumnType type, string[][] values)
    {
        for (var i = 0; i < columns.Length && value.Remaining > 0; i++)
        {
            if (columns[i].Type != type)
            {
                continue;
            }

            var count = value.ReadLengthEncodedLength("value count");
            values[i] = new string[count];
            for (var j = 0; j < count; j++)
            {
                values[i][j] = value.ReadString(value.ReadLengthEncodedLength("value length"), "value");
            }
        }
    }

    private static bool IsNumeric(MySqlColumnType type) => type is MySqlColumnType.Tiny or MySqlColumnType.Short
        or MySqlColumnType.Int24 or MySqlColumnType.Long or MySqlColumnType.LongLong or MySqlColumnType.Float
        or MySqlColumnType.Double or MySqlColumnType.NewDecimal or MySqlColumnType.Decimal;

    private static bool IsCharacter(MySqlColumnType type) => type is MySqlColumnType.String or MySqlColumnType.VarChar
        or MySqlColumnType.VarString or MySqlColumnType.Blob or MySqlColumnType.TinyBlob or MySqlColumnType.MediumBlob
        or MySqlColumnType.LongBlob;
}
