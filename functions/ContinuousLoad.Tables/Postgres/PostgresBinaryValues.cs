using System.Buffers;
using System.Buffers.Binary;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Tables.Postgres;

/// <summary>
/// PostgreSQL's binary wire forms (as COPY BINARY sends them) of our stored values: big-endian integers
/// and floats, days/microseconds since 2000-01-01, base-10000 numerics, raw UTF-8 text.
/// </summary>
internal static class PostgresBinaryValues
{
    private const long MicrosPerDay = 86_400_000_000;
    private static readonly int PostgresEpochDay = new DateOnly(2000, 1, 1).DayNumber;

    /// <summary>Writes one field (length prefix and value) of <paramref name="type"/> from a vector row.</summary>
    public static void Write(IBufferWriter<byte> output, ColumnVector vector, int row, DataType type)
    {
        if (vector.IsNull(row))
        {
            Int32(output, -1);
            return;
        }

        switch (type.Kind)
        {
            case TypeKind.Boolean:
                Int32(output, 1);
                output.GetSpan(1)[0] = vector.GetInteger(row) != 0 ? (byte)1 : (byte)0;
                output.Advance(1);
                break;
            case TypeKind.TinyInt or TypeKind.SmallInt:
                Int32(output, 2);
                BinaryPrimitives.WriteInt16BigEndian(output.GetSpan(2), (short)vector.GetInteger(row));
                output.Advance(2);
                break;
            case TypeKind.Int:
                Int32(output, 4);
                Int32(output, (int)vector.GetInteger(row));
                break;
            case TypeKind.BigInt:
                Int32(output, 8);
                Int64(output, vector.GetInteger(row));
                break;
            case TypeKind.Float:
                Int32(output, 4);
                BinaryPrimitives.WriteSingleBigEndian(output.GetSpan(4), (float)vector.GetReal(row));
                output.Advance(4);
                break;
            case TypeKind.Double:
                Int32(output, 8);
                BinaryPrimitives.WriteDoubleBigEndian(output.GetSpan(8), vector.GetReal(row));
                output.Advance(8);
                break;
            case TypeKind.Decimal or TypeKind.LargeInt:
                Numeric(output, vector.GetText(row));
                break;
            case TypeKind.Date:
                Int32(output, 4);
                Int32(output, Date(vector.GetText(row)) - PostgresEpochDay);
                break;
            case TypeKind.DateTime:
                Int32(output, 8);
                var text = vector.GetText(row);
                Int64(output, (long)(Date(text) - PostgresEpochDay) * MicrosPerDay + TimeOfDay(text));
                break;
            case TypeKind.Array:
                var array = vector.GetText(row);
                Int32(output, array.Length + 1);
                output.GetSpan(1)[0] = 1; // jsonb version
                output.Advance(1);
                output.Write(array);
                break;
            default:
                var bytes = vector.GetText(row);
                Int32(output, bytes.Length);
                output.Write(bytes);
                break;
        }
    }

    public static void Int16(IBufferWriter<byte> output, short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(output.GetSpan(2), value);
        output.Advance(2);
    }

    public static void Int32(IBufferWriter<byte> output, int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    public static void Int64(IBufferWriter<byte> output, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    /// <summary>
    /// NUMERIC from canonical decimal text: ndigits, weight, sign, dscale, then base-10000 digit groups
    /// aligned on the decimal point, leading and trailing zero groups dropped.
    /// </summary>
    private static void Numeric(IBufferWriter<byte> output, ReadOnlySpan<byte> text)
    {
        var negative = text[0] == '-';
        if (negative)
        {
            text = text[1..];
        }

        var point = text.IndexOf((byte)'.');
        var integer = point < 0 ? text : text[..point];
        var fraction = point < 0 ? [] : text[(point + 1)..];
        var integerGroups = (integer.Length + 3) / 4;
        var fractionGroups = (fraction.Length + 3) / 4;
        Span<short> groups = stackalloc short[integerGroups + fractionGroups];
        for (var g = 0; g < integerGroups; g++)
        {
            // Integer digits are grouped from the decimal point leftwards.
            var end = integer.Length - (integerGroups - 1 - g) * 4;
            groups[g] = Group(integer[Math.Max(0, end - 4)..end], padRight: false);
        }

        for (var g = 0; g < fractionGroups; g++)
        {
            var start = g * 4;
            groups[integerGroups + g] = Group(fraction[start..Math.Min(fraction.Length, start + 4)], padRight: true);
        }

        var first = 0;
        while (first < groups.Length && groups[first] == 0)
        {
            first++;
        }

        var last = groups.Length - 1;
        while (last >= first && groups[last] == 0)
        {
            last--;
        }

        var count = last >= first ? last - first + 1 : 0;
        var weight = count == 0 ? 0 : integerGroups - 1 - first;
        Int32(output, 8 + 2 * count);
        Int16(output, (short)count);
        Int16(output, (short)weight);
        Int16(output, count > 0 && negative ? unchecked((short)0x4000) : (short)0);
        Int16(output, (short)fraction.Length);
        for (var g = first; g <= last; g++)
        {
            Int16(output, groups[g]);
        }
    }

    private static short Group(ReadOnlySpan<byte> digits, bool padRight)
    {
        var value = 0;
        foreach (var d in digits)
        {
            value = value * 10 + (d - '0');
        }

        if (padRight)
        {
            for (var i = digits.Length; i < 4; i++)
            {
                value *= 10;
            }
        }

        return (short)value;
    }

    /// <summary>The day number of canonical <c>yyyy-MM-dd</c>.</summary>
    private static int Date(ReadOnlySpan<byte> text) =>
        new DateOnly(Digits(text[..4]), Digits(text.Slice(5, 2)), Digits(text.Slice(8, 2))).DayNumber;

    /// <summary>Microseconds into the day of canonical <c>yyyy-MM-dd HH:mm:ss[.f...]</c>.</summary>
    private static long TimeOfDay(ReadOnlySpan<byte> text)
    {
        long micros = ((Digits(text.Slice(11, 2)) * 60L + Digits(text.Slice(14, 2))) * 60 + Digits(text.Slice(17, 2))) * 1_000_000;
        if (text.Length > 20)
        {
            var fraction = text[20..];
            long value = Digits(fraction);
            for (var i = fraction.Length; i < 6; i++)
            {
                value *= 10;
            }

            micros += value;
        }

        return micros;
    }

    private static int Digits(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        foreach (var d in digits)
        {
            value = value * 10 + (d - '0');
        }

        return value;
    }
}
