using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// The binary row forms of the temporal types (MySQL source <c>my_time.cc</c>, "packed" formats; MariaDB
/// uses the same since 10.1 for TIME2/DATETIME2/TIMESTAMP2, and the old ones for columns created earlier):
/// DATE 3 bytes LE (day 5 bits, month 4, year); TIME 3 bytes LE signed HHMMSS; DATETIME 8 bytes LE
/// YYYYMMDDhhmmss; TIMESTAMP 4 bytes LE seconds; TIME2/DATETIME2 big-endian with an offset, TIMESTAMP2
/// big-endian seconds; the *2 types add (fsp+1)/2 big-endian bytes of fraction. Dates come out as
/// <see cref="TemporalParts"/>, because zero or partly zero dates have no .NET value and are text in
/// <see cref="MySqlValues"/>.
/// </summary>
public static class TemporalValues
{
    public static int FractionBytes(int fractionalDigits) => (fractionalDigits + 1) / 2;

    /// <summary>DATE: 3 bytes little-endian, day in bits 0-4, month in 5-8, year above.</summary>
    public static TemporalParts Date(uint packed) => new((int)(packed >> 9), (int)(packed >> 5) & 15, (int)packed & 31, 0, 0, 0, 0);

    /// <summary>DATETIME2: 5 bytes big-endian with an offset (year*13+month, day, hour, minute, second), then the fraction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static TemporalParts DateTime2(ReadOnlySpan<byte> bytes, int fractionalDigits)
    {
        var integer = (long)ReadBigEndian(bytes[..5]) - 0x80_0000_0000L;
        var micro = Fraction(bytes.Slice(5, FractionBytes(fractionalDigits)), fractionalDigits);
        var ymd = integer >> 17;
        var ym = ymd >> 5;
        var hms = integer & 0x1FFFF;
        return new((int)(ym / 13), (int)(ym % 13), (int)(ymd & 31), (int)(hms >> 12), (int)(hms >> 6) & 63, (int)hms & 63, micro);
    }

    /// <summary>The old DATETIME: 8 bytes little-endian holding the decimal number YYYYMMDDhhmmss.</summary>
    public static TemporalParts DateTime1(ulong packed)
    {
        var date = packed / 1_000_000;
        var time = packed % 1_000_000;
        return new((int)(date / 10000), (int)(date / 100 % 100), (int)(date % 100), (int)(time / 10000), (int)(time / 100 % 100), (int)(time % 100), 0);
    }

    /// <summary>TIMESTAMP seconds since the epoch (UTC) and microseconds; false for the zero timestamp, which has no <see cref="DateTime"/>.</summary>
    public static bool TryTimestamp(uint seconds, int micro, out DateTime value)
    {
        value = seconds == 0 && micro == 0 ? default : DateTime.UnixEpoch.AddTicks((seconds * TimeSpan.TicksPerSecond) + (micro * 10L));
        return seconds != 0 || micro != 0;
    }

    /// <summary>TIMESTAMP2: 4 bytes big-endian seconds, then the fraction.</summary>
    public static bool TryTimestamp2(ReadOnlySpan<byte> bytes, int fractionalDigits, out DateTime value) =>
        TryTimestamp(BinaryPrimitives.ReadUInt32BigEndian(bytes), Fraction(bytes.Slice(4, FractionBytes(fractionalDigits)), fractionalDigits), out value);

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
