using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// Decodes one non-NULL column value of a row image (MySQL Internals "Binary row format", per type; the
/// layout each type's <c>Field::pack</c> writes). Lengths come from the TABLE_MAP metadata; signedness,
/// charset and ENUM/SET members from <see cref="BinlogColumnSchema"/>. One typed reader per
/// <see cref="MySqlValueKind"/> (<see cref="ReadInt64"/>, <see cref="TryReadDateTime"/>, <see cref="ReadText"/>...)
/// returns the value unboxed; <see cref="ToObject"/> boxes what they return into the representation of
/// <see cref="MySqlValues"/>. The typed readers take the bytes from the value's start and trust that
/// <see cref="ColumnValueLength.Skip"/> has checked its length.
/// </summary>
public static partial class ColumnValueDecoder
{
    /// <summary>Reads and checks the value at the reader and returns it in the <see cref="MySqlValues"/> representation.</summary>
    /// <exception cref="BinlogFormatException">The value does not fit the event or breaks its type's format.</exception>
    public static object Read(ref BinlogSpanReader reader, in BinlogColumn column, BinlogColumnSchema schema)
    {
        var value = reader.RemainingBytes;
        ColumnValueLength.Skip(ref reader, column, schema);
        return ToObject(value, column, schema, KindOf(column, schema));
    }

    /// <summary>The kind of every value of the column: the .NET type its values decode to.</summary>
    public static MySqlValueKind KindOf(in BinlogColumn column, BinlogColumnSchema schema) =>
        MySqlValues.KindOf(column.Type, schema.Unsigned, column.Precision, schema.CollationId);

    /// <summary>The value boxed as <see cref="MySqlValues"/> has it, through the typed reader of its kind.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static object ToObject(ReadOnlySpan<byte> value, in BinlogColumn column, BinlogColumnSchema schema, MySqlValueKind kind) => kind switch
    {
        MySqlValueKind.Int64 => ReadInt64(value, column, schema.Unsigned),
        MySqlValueKind.UInt64 or MySqlValueKind.Bit => ReadUInt64(value, column),
        MySqlValueKind.Decimal => ReadDecimal(value, column),
        MySqlValueKind.Single => ReadSingle(value),
        MySqlValueKind.Double => ReadDouble(value),
        MySqlValueKind.Date => TryReadDate(value, column, out var date) ? date : ReadTemporalText(value, column),
        MySqlValueKind.DateTime or MySqlValueKind.Timestamp => TryReadDateTime(value, column, out var dateTime) ? dateTime : ReadTemporalText(value, column),
        MySqlValueKind.Time => ReadTime(value, column),
        MySqlValueKind.Year => ReadYear(value),
        MySqlValueKind.Bytes => ReadBytes(value, column, schema),
        _ => ReadText(value, column, schema),
    };

    /// <summary>TINYINT, SMALLINT, MEDIUMINT, INT (signed or unsigned) and signed BIGINT.</summary>
    public static long ReadInt64(ReadOnlySpan<byte> value, in BinlogColumn column, bool unsigned) => column.Type switch
    {
        MySqlColumnType.Tiny => unsigned ? value[0] : (sbyte)value[0],
        MySqlColumnType.Short => unsigned ? BinaryPrimitives.ReadUInt16LittleEndian(value) : BinaryPrimitives.ReadInt16LittleEndian(value),
        MySqlColumnType.Int24 => unsigned ? (long)LittleEndian(value, 3) : ((int)((uint)LittleEndian(value, 3) << 8)) >> 8,
        MySqlColumnType.Long => unsigned ? (long)BinaryPrimitives.ReadUInt32LittleEndian(value) : BinaryPrimitives.ReadInt32LittleEndian(value),
        MySqlColumnType.LongLong => BinaryPrimitives.ReadInt64LittleEndian(value),
        _ => throw NotOfType(column, "an integer"),
    };

    /// <summary>BIGINT UNSIGNED, and BIT(M) with bit 0 the rightmost bit (stored big-endian in (M+7)/8 bytes).</summary>
    public static ulong ReadUInt64(ReadOnlySpan<byte> value, in BinlogColumn column)
    {
        switch (column.Type)
        {
            case MySqlColumnType.LongLong:
                return BinaryPrimitives.ReadUInt64LittleEndian(value);
            case MySqlColumnType.Bit:
                ulong bits = 0;
                foreach (var b in value[..((column.Length + 7) / 8)])
                {
                    bits = bits << 8 | b;
                }

                return bits;
            default:
                throw NotOfType(column, "BIGINT UNSIGNED or BIT");
        }
    }

    /// <summary>YEAR: one byte, years since 1900, 0 for the zero year 0000.</summary>
    public static int ReadYear(ReadOnlySpan<byte> value) => value[0] == 0 ? 0 : 1900 + value[0];

    public static float ReadSingle(ReadOnlySpan<byte> value) => BinaryPrimitives.ReadSingleLittleEndian(value);

    public static double ReadDouble(ReadOnlySpan<byte> value) => BinaryPrimitives.ReadDoubleLittleEndian(value);

    /// <summary>DECIMAL(p,s) with p ≤ 28; wider ones are text (<see cref="ReadText"/>).</summary>
    public static decimal ReadDecimal(ReadOnlySpan<byte> value, in BinlogColumn column) =>
        PackedDecimal.ToDecimal(value, column.Precision, column.Scale);

    /// <summary>DATE; false for a zero or partly zero date, whose text <see cref="ReadTemporalText"/> gives.</summary>
    public static bool TryReadDate(ReadOnlySpan<byte> value, in BinlogColumn column, out DateOnly date)
    {
        var parts = column.Type is MySqlColumnType.Date or MySqlColumnType.NewDate ? TemporalValues.Date((uint)LittleEndian(value, 3)) : throw NotOfType(column, "DATE");
        date = parts.IsValid ? parts.ToDateOnly() : default;
        return parts.IsValid;
    }

    /// <summary>DATETIME (Kind Unspecified) and TIMESTAMP (Kind Utc); false for a zero or partly zero value, whose text <see cref="ReadTemporalText"/> gives.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryReadDateTime(ReadOnlySpan<byte> value, in BinlogColumn column, out DateTime dateTime)
    {
        switch (column.Type)
        {
            case MySqlColumnType.Timestamp:
                return TemporalValues.TryTimestamp(BinaryPrimitives.ReadUInt32LittleEndian(value), 0, out dateTime);
            case MySqlColumnType.Timestamp2:
                return TemporalValues.TryTimestamp2(value, column.FractionalDigits, out dateTime);
            default:
                var parts = DateTimeParts(value, column);
                dateTime = parts.IsValid ? parts.ToDateTime(DateTimeKind.Unspecified) : default;
                return parts.IsValid;
        }
    }

    /// <summary>A DATE, DATETIME or TIMESTAMP as the server prints it: the form zero dates take in <see cref="MySqlValues"/>.</summary>
    public static string ReadTemporalText(ReadOnlySpan<byte> value, in BinlogColumn column) => column.Type switch
    {
        MySqlColumnType.Date or MySqlColumnType.NewDate => TemporalValues.Date((uint)LittleEndian(value, 3)).ToDateText(),
        MySqlColumnType.Timestamp => MySqlValues.ZeroDateText(MySqlValueKind.Timestamp, 0),
        MySqlColumnType.Timestamp2 => MySqlValues.ZeroDateText(MySqlValueKind.Timestamp, column.FractionalDigits),
        _ => DateTimeParts(value, column).ToDateTimeText(column.Type == MySqlColumnType.DateTime2 ? column.FractionalDigits : 0),
    };

    /// <summary>TIME and TIME2: negative and beyond 24 hours included.</summary>
    public static TimeSpan ReadTime(ReadOnlySpan<byte> value, in BinlogColumn column) => column.Type switch
    {
        MySqlColumnType.Time => TemporalValues.Time1(((int)((uint)LittleEndian(value, 3) << 8)) >> 8),
        MySqlColumnType.Time2 => TemporalValues.Time2(value, column.FractionalDigits),
        _ => throw NotOfType(column, "TIME"),
    };

    private static TemporalParts DateTimeParts(ReadOnlySpan<byte> value, in BinlogColumn column) => column.Type switch
    {
        MySqlColumnType.DateTime => TemporalValues.DateTime1(BinaryPrimitives.ReadUInt64LittleEndian(value)),
        MySqlColumnType.DateTime2 => TemporalValues.DateTime2(value, column.FractionalDigits),
        _ => throw NotOfType(column, "DATETIME or TIMESTAMP"),
    };

    private static ulong LittleEndian(ReadOnlySpan<byte> value, int size)
    {
        ulong result = 0;
        for (var i = size - 1; i >= 0; i--)
        {
            result = result << 8 | value[i];
        }

        return result;
    }

    private static InvalidCastException NotOfType(in BinlogColumn column, string expected) =>
        new($"a {column.Type} column cannot be read as {expected}");
}
