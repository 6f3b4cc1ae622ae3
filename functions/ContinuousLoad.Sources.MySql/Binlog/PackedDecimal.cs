using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// DECIMAL (NEWDECIMAL) in its binary row form (MySQL source <c>decimal.c</c>, <c>decimal2bin</c>): the
/// integer and fraction parts in groups of nine digits stored as big-endian 4-byte integers, a partial
/// group of 1-4 bytes at the outer ends; the sign is the inverted top bit of the first byte and negative
/// numbers have every byte inverted. Decoded to exact decimal text (<c>-123.4500</c>): DECIMAL(65,30)
/// does not fit .NET's <see cref="decimal"/>.
/// </summary>
public static class PackedDecimal
{
    private const int DigitsPerGroup = 9;
    private static readonly int[] BytesForDigits = [0, 1, 1, 2, 2, 3, 3, 4, 4, 4];

    public static int Size(int precision, int scale)
    {
        if (precision is < 1 or > 65 || scale < 0 || scale > precision)
        {
            throw new BinlogFormatException($"DECIMAL column: expected precision 1-65 and scale 0-30 not above it, found ({precision},{scale})");
        }

        var integer = precision - scale;
        return (integer / DigitsPerGroup * 4) + BytesForDigits[integer % DigitsPerGroup]
            + (scale / DigitsPerGroup * 4) + BytesForDigits[scale % DigitsPerGroup];
    }

    /// <summary>The exact value as <see cref="decimal"/>, for precision up to 28 (<see cref="MySqlValues.MaxDecimalPrecision"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static decimal ToDecimal(ReadOnlySpan<byte> source, int precision, int scale)
    {
        if (precision < 1 || precision > MySqlValues.MaxDecimalPrecision || scale < 0 || scale > precision)
        {
            throw new BinlogFormatException($"DECIMAL column: expected precision 1-{MySqlValues.MaxDecimalPrecision} and scale 0-{precision} for a decimal value, found ({precision},{scale})");
        }

        var size = Size(precision, scale);
        if (source.Length < size)
        {
            throw new BinlogFormatException($"DECIMAL({precision},{scale}) value truncated: needs {size} bytes, {source.Length} are left");
        }

        var negative = (source[0] & 0x80) == 0;
        var mask = negative ? (byte)0xFF : (byte)0;
        if (precision <= MaxUInt64Digits)
        {
            var small = Digits<ulong>(source, mask, precision, scale);
            return new decimal((int)(uint)small, (int)(uint)(small >> 32), 0, negative, (byte)scale);
        }

        var value = Digits<UInt128>(source, mask, precision, scale);
        var bits = (ulong)value;
        return new decimal((int)(uint)bits, (int)(uint)(bits >> 32), (int)(uint)(value >> 64), negative, (byte)scale);
    }

    // Every digit of the value as one unsigned integer: the groups from the most significant on.
    private static T Digits<T>(ReadOnlySpan<byte> source, byte mask, int precision, int scale)
        where T : IBinaryInteger<T>
    {
        var value = T.Zero;
        var offset = 0;
        var integerDigits = precision - scale;
        Accumulate(source, mask, ref offset, integerDigits % DigitsPerGroup, ref value);
        for (var i = 0; i < integerDigits / DigitsPerGroup; i++)
        {
            Accumulate(source, mask, ref offset, DigitsPerGroup, ref value);
        }

        for (var i = 0; i < scale / DigitsPerGroup; i++)
        {
            Accumulate(source, mask, ref offset, DigitsPerGroup, ref value);
        }

        Accumulate(source, mask, ref offset, scale % DigitsPerGroup, ref value);
        return value;
    }

    // Up to 18 digits fit a ulong: the common DECIMAL(p,s) columns are read without 128-bit arithmetic.
    private const int MaxUInt64Digits = 18;

    public static string ToText(ReadOnlySpan<byte> source, int precision, int scale)
    {
        if (precision < 1 || precision > 65 || scale < 0 || scale > 30 || scale > precision)
        {
            throw new BinlogFormatException($"DECIMAL column: expected precision 1-65 and scale 0-30 not above it, found ({precision},{scale})");
        }

        var size = Size(precision, scale);
        if (source.Length < size)
        {
            throw new BinlogFormatException($"DECIMAL({precision},{scale}) value truncated: needs {size} bytes, {source.Length} are left");
        }

        Span<byte> bytes = stackalloc byte[size];
        source[..size].CopyTo(bytes);
        var negative = (bytes[0] & 0x80) == 0;
        bytes[0] ^= 0x80;
        if (negative)
        {
            for (var i = 0; i < size; i++)
            {
                bytes[i] = (byte)~bytes[i];
            }
        }

        var integerDigits = precision - scale;
        var text = new StringBuilder(precision + 3);
        var offset = 0;
        AppendGroups(bytes, ref offset, integerDigits % DigitsPerGroup, integerDigits / DigitsPerGroup, leadingPartial: true, text);
        var integerText = text.ToString().TrimStart('0');
        text.Clear().Append(negative ? "-" : "").Append(integerText.Length == 0 ? "0" : integerText);
        if (scale > 0)
        {
            text.Append('.');
            AppendGroups(bytes, ref offset, scale % DigitsPerGroup, scale / DigitsPerGroup, leadingPartial: false, text);
        }

        return text.ToString();
    }

    private static readonly uint[] PowersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    private static void Accumulate<T>(ReadOnlySpan<byte> source, byte mask, ref int offset, int digits, ref T value)
        where T : IBinaryInteger<T>
    {
        if (digits == 0)
        {
            return;
        }

        var length = BytesForDigits[digits];
        uint group = 0;
        for (var i = 0; i < length; i++)
        {
            // The first byte carries the sign in its top bit; every byte of a negative number is inverted.
            var b = (byte)(source[offset + i] ^ mask);
            group = group << 8 | (offset + i == 0 ? (byte)(b ^ 0x80) : b);
        }

        offset += length;
        if (group >= PowersOfTen[digits])
        {
            throw new BinlogFormatException($"DECIMAL value: a {digits}-digit group holds {group}");
        }

        value = (value * T.CreateTruncating(PowersOfTen[digits])) + T.CreateTruncating(group);
    }

    private static void AppendGroups(ReadOnlySpan<byte> bytes, ref int offset, int partialDigits, int fullGroups, bool leadingPartial, StringBuilder text)
    {
        if (leadingPartial && partialDigits > 0)
        {
            AppendGroup(bytes, ref offset, partialDigits, text);
        }

        for (var i = 0; i < fullGroups; i++)
        {
            AppendGroup(bytes, ref offset, DigitsPerGroup, text);
        }

        if (!leadingPartial && partialDigits > 0)
        {
            AppendGroup(bytes, ref offset, partialDigits, text);
        }
    }

    private static void AppendGroup(ReadOnlySpan<byte> bytes, ref int offset, int digits, StringBuilder text)
    {
        var length = BytesForDigits[digits];
        var group = bytes.Slice(offset, length);
        offset += length;
        var value = length switch
        {
            1 => group[0],
            2 => BinaryPrimitives.ReadUInt16BigEndian(group),
            3 => (uint)(group[0] << 16 | group[1] << 8 | group[2]),
            _ => BinaryPrimitives.ReadUInt32BigEndian(group),
        };
        var groupText = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (groupText.Length > digits)
        {
            throw new BinlogFormatException($"DECIMAL value: a {digits}-digit group holds {groupText}");
        }

        text.Append('0', digits - groupText.Length).Append(groupText);
    }
}
