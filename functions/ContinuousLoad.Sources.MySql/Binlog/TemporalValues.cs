using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// The binary row forms of the temporal types (MySQL source <c>my_time.cc</c>, "packed" formats; MariaDB
/// uses the same since 10.1 for TIME2/DATETIME2/TIMESTAMP2, and the old ones for columns created earlier):
/// DATE 3 bytes LE (day 5 bits, month 4, year); TIME 3 bytes LE signed HHMMSS; DATETIME 8 bytes LE
/// YYYYMMDDhhmmss; TIMESTAMP 4 bytes LE seconds; TIME2/DATETIME2 big-endian with an offset, TIMESTAMP2
/// big-endian seconds; the *2 types add (fsp+1)/2 big-endian bytes of fraction. Values follow
/// <see cref="MySqlValues"/>: zero or partly zero dates become the text the server prints.
/// </summary>
public static class TemporalValues
{
    public static int FractionBytes(int fractionalDigits) => (fractionalDigits + 1) / 2;

    public static object Date(uint packed) =>
        DateOrText((int)(packed >> 9), (int)(packed >> 5) & 15, (int)packed & 31);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static object DateTime2(ReadOnlySpan<byte> bytes, int fractionalDigits)
    {
        var integer = (long)ReadBigEndian(bytes[..5]) - 0x80_0000_0000L;
        var micro = Fraction(bytes.Slice(5, FractionBytes(fractionalDigits)), fractionalDigits);
        var ymd = integer >> 17;
        var ym = ymd >> 5;
        var hms = integer & 0x1FFFF;
        return DateTimeOrText((int)(ym / 13), (int)(ym % 13), (int)(ymd & 31), (int)(hms >> 12), (int)(hms >> 6) & 63, (int)hms & 63, micro, fractionalDigits, DateTimeKind.Unspecified);
    }

    public static object DateTime1(ulong packed)
    {
        var date = packed / 1_000_000;
        var time = packed % 1_000_000;
        return DateTimeOrText((int)(date / 10000), (int)(date / 100 % 100), (int)(date % 100), (int)(time / 10000), (int)(time / 100 % 100), (int)(time % 100), 0, 0, DateTimeKind.Unspecified);
    }

    public static object Timestamp(uint seconds, int micro, int fractionalDigits) =>
        seconds == 0 && micro == 0
            ? MySqlValues.ZeroDateText(MySqlValueKind.Timestamp, fractionalDigits)
            : DateTime.UnixEpoch.AddTicks((seconds * TimeSpan.TicksPerSecond) + (micro * 10L));

    public static object Timestamp2(ReadOnlySpan<byte> bytes, int fractionalDigits) =>
        Timestamp(BinaryPrimitives.ReadUInt32BigEndian(bytes), Fraction(bytes.Slice(4, FractionBytes(fractionalDigits)), fractionalDigits), fractionalDigits);

    public static TimeSpan Time1(int packed)
    {
        var magnitude = Math.Abs(packed);
        var ticks = (((magnitude / 10000 * 3600L) + (magnitude / 100 % 100 * 60L) + (magnitude % 100)) * TimeSpan.TicksPerSecond);
        return TimeSpan.FromTicks(packed < 0 ? -ticks : ticks);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static TimeSpan Time2(ReadOnlySpan<byte> bytes, int fractionalDigits)
    {
        long packed;
        if (fractionalDigits >= 5)
        {
            packed = (long)ReadBigEndian(bytes[..6]) - 0x8000_0000_0000L;
        }
        else
        {
            long integer = (long)ReadBigEndian(bytes[..3]) - 0x80_0000;
            var fractionLength = FractionBytes(fractionalDigits);
            long fraction = (long)ReadBigEndian(bytes.Slice(3, fractionLength));
            if (integer < 0 && fraction != 0)
            {
                // Negative values store the fraction as its complement and borrow one second.
                integer++;
                fraction -= 1L << (8 * fractionLength);
            }

            packed = (integer << 24) + (fraction * (fractionLength == 1 ? 10000 : fractionLength == 2 ? 100 : 1));
        }

        var magnitude = Math.Abs(packed);
        var hms = magnitude >> 24;
        var ticks = ((((hms >> 12) & 0x3FF) * 3600L) + (((hms >> 6) & 63) * 60L) + (hms & 63)) * TimeSpan.TicksPerSecond + ((magnitude & 0xFFFFFF) * 10);
        return TimeSpan.FromTicks(packed < 0 ? -ticks : ticks);
    }

    public static object DateOrText(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= System.DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : string.Create(CultureInfo.InvariantCulture, $"{year:0000}-{month:00}-{day:00}");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static object DateTimeOrText(int year, int month, int day, int hour, int minute, int second, int micro, int fractionalDigits, DateTimeKind kind)
    {
        if (year >= 1 && year <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= System.DateTime.DaysInMonth(year, month)
            && hour < 24 && minute < 60 && second < 60)
        {
            return new DateTime(year, month, day, hour, minute, second, kind).AddTicks(micro * 10L);
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"{year:0000}-{month:00}-{day:00} {hour:00}:{minute:00}:{second:00}");
        return fractionalDigits > 0 ? text + "." + micro.ToString("000000", CultureInfo.InvariantCulture)[..fractionalDigits] : text;
    }

    private static int Fraction(ReadOnlySpan<byte> bytes, int fractionalDigits) => fractionalDigits switch
    {
        0 => 0,
        1 or 2 => bytes[0] * 10000,
        3 or 4 => BinaryPrimitives.ReadUInt16BigEndian(bytes) * 100,
        _ => bytes[0] << 16 | bytes[1] << 8 | bytes[2],
    };

    private static ulong ReadBigEndian(ReadOnlySpan<byte> bytes)
    {
        ulong value = 0;
        foreach (var b in bytes)
        {
            value = value << 8 | b;
        }

        return value;
    }
}
