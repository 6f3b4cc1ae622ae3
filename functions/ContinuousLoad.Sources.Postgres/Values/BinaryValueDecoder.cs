using System.Buffers.Binary;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using ContinuousLoad.Sources.Postgres.Protocol;

namespace ContinuousLoad.Sources.Postgres.Values;

/// <summary>
/// Snapshot reads take the common types in their binary send format (cheaper for the server than printing
/// them as text, and for us than parsing text); the result is the same value <see cref="TextValueDecoder"/>
/// makes of the type's text, so a row read from a snapshot equals the same row from the stream. Formats:
/// each type's *send function in the PostgreSQL sources (int4send, timestamp_send, numeric_send, network_send...).
/// Types not listed here (arrays, interval, xml, extension types, domains over text) are read as text.
/// </summary>
public static class BinaryValueDecoder
{
    private const int JsonbVersion = 1;
    /// <summary>PostgreSQL's MAXDIM: no array value has more dimensions.</summary>
    internal const int MaxDimensions = 6;

    // 10^0 .. 10^28: the decimal mantissa is built from base-10000 digits scaled by these.
    private static readonly UInt128[] PowersOf10 = [.. Enumerable.Range(0, 29).Select(n => Enumerable.Repeat((UInt128)10, n).Aggregate((UInt128)1, (a, b) => a * b))];

    public static bool Supports(PgTypeInfo type) => type.Kind switch
    {
        PgValueKind.Boolean or PgValueKind.Int16 or PgValueKind.Int32 or PgValueKind.Int64 or PgValueKind.Oid or PgValueKind.Float4
            or PgValueKind.Float8 or PgValueKind.Numeric or PgValueKind.Bytea or PgValueKind.Uuid or PgValueKind.Date or PgValueKind.Time
            or PgValueKind.TimeTz or PgValueKind.Timestamp or PgValueKind.TimestampTz or PgValueKind.Inet or PgValueKind.Enum => true,
        PgValueKind.Text or PgValueKind.Json => type.Oid is 25 or 1043 or 1042 or 19 or 114 or 3802,
        PgValueKind.Array => type.Element is { Kind: not PgValueKind.Array } element && Supports(element),
        _ => false,
    };

    /// <summary>
    /// The value as <typeparamref name="T"/> without boxing for the types a row mostly holds (the JIT keeps
    /// only the branch of the T it compiles for); any other T gets <see cref="Decode"/>'s value cast to it.
    /// Either way the result is the value <see cref="Decode"/> makes.
    /// </summary>
    /// <exception cref="InvalidCastException">The column's value is not a <typeparamref name="T"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T Decode<T>(PgTypeInfo type, ReadOnlySpan<byte> value)
    {
        try
        {
            switch (type.Kind)
            {
                case PgValueKind.Int64 when typeof(T) == typeof(long):
                    return (T)(object)BinaryPrimitives.ReadInt64BigEndian(value);
                case PgValueKind.Int32 when typeof(T) == typeof(int):
                    return (T)(object)BinaryPrimitives.ReadInt32BigEndian(value);
                case PgValueKind.Int16 when typeof(T) == typeof(short):
                    return (T)(object)BinaryPrimitives.ReadInt16BigEndian(value);
                case PgValueKind.Float8 when typeof(T) == typeof(double):
                    return (T)(object)BinaryPrimitives.ReadDoubleBigEndian(value);
                case PgValueKind.Boolean when typeof(T) == typeof(bool):
                    return (T)(object)(value[0] != 0);
                case PgValueKind.Numeric when typeof(T) == typeof(decimal) && TryReadDecimal(value, out var exact):
                    return (T)(object)exact;
                case PgValueKind.TimestampTz when typeof(T) == typeof(DateTimeOffset):
                    return (T)(object)DecodeTimestamp(type, value);
                case PgValueKind.Timestamp when typeof(T) == typeof(DateTime):
                    return (T)(object)DecodeTimestamp(type, value).DateTime;
                case PgValueKind.Date when typeof(T) == typeof(DateOnly):
                    return (T)(object)DecodeDate(type, value);
                case PgValueKind.Uuid when typeof(T) == typeof(Guid):
                    return (T)(object)new Guid(value[..16], bigEndian: true);
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Unreadable(type, value, "too short or out of range");
        }

        return Decode(type, value) is T cast ? cast
            : throw new InvalidCastException($"A {type} value is read as {Decode(type, value).GetType().Name}, not {typeof(T).Name}.");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static object Decode(PgTypeInfo type, ReadOnlySpan<byte> value)
    {
        try
        {
            return type.Kind switch
            {
                PgValueKind.Boolean => value[0] != 0,
                PgValueKind.Int16 => BinaryPrimitives.ReadInt16BigEndian(value),
                PgValueKind.Int32 => BinaryPrimitives.ReadInt32BigEndian(value),
                PgValueKind.Int64 => BinaryPrimitives.ReadInt64BigEndian(value),
                PgValueKind.Oid => BinaryPrimitives.ReadUInt32BigEndian(value),
                PgValueKind.Float4 => BinaryPrimitives.ReadSingleBigEndian(value),
                PgValueKind.Float8 => BinaryPrimitives.ReadDoubleBigEndian(value),
                PgValueKind.Numeric => DecodeNumeric(value),
                PgValueKind.Bytea => value.ToArray(),
                PgValueKind.Uuid => new Guid(value[..16], bigEndian: true),
                PgValueKind.Date => DecodeDate(type, value),
                PgValueKind.Time => TimeSpan.FromTicks(BinaryPrimitives.ReadInt64BigEndian(value) * 10),
                PgValueKind.TimeTz => new TimeWithOffset(
                    TimeSpan.FromTicks(BinaryPrimitives.ReadInt64BigEndian(value) * 10), TimeSpan.FromSeconds(-BinaryPrimitives.ReadInt32BigEndian(value[8..]))),
                PgValueKind.Timestamp => DecodeTimestamp(type, value).DateTime,
                PgValueKind.TimestampTz => DecodeTimestamp(type, value),
                PgValueKind.Inet => DecodeInet(value),
                PgValueKind.Array => DecodeArray(type, value),
                PgValueKind.Json when type.Oid == 3802 => value[0] == JsonbVersion ? Encoding.UTF8.GetString(value[1..]) : throw Unreadable(type, value, "unknown jsonb version"),
                _ => Encoding.UTF8.GetString(value),
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Unreadable(type, value, "too short or out of range");
        }
    }

    private static DateOnly DecodeDate(PgTypeInfo type, ReadOnlySpan<byte> value)
    {
        var days = BinaryPrimitives.ReadInt32BigEndian(value);
        return days switch
        {
            int.MaxValue => DateOnly.MaxValue,
            int.MinValue => DateOnly.MinValue,
            _ => new DateOnly(2000, 1, 1).DayNumber + (long)days is var number and >= 0 and <= 3_652_058 ? DateOnly.FromDayNumber((int)number) : throw Unreadable(type, value, "outside years 1 to 9999"),
        };
    }

    private static DateTimeOffset DecodeTimestamp(PgTypeInfo type, ReadOnlySpan<byte> value)
    {
        var micros = BinaryPrimitives.ReadInt64BigEndian(value);
        return micros switch
        {
            long.MaxValue => type.Kind == PgValueKind.Timestamp ? new DateTimeOffset(DateTime.MaxValue, TimeSpan.Zero) : DateTimeOffset.MaxValue,
            long.MinValue => DateTimeOffset.MinValue,
            _ when micros is >= -63_082_281_600_000_000 and <= 252_455_615_999_999_999 => PgTimestamp.FromMicroseconds(micros),
            _ => throw Unreadable(type, value, "outside years 1 to 9999"),
        };
    }

    /// <summary>
    /// array_send: dimensions, has-nulls flag, element type, (length, lower bound) per dimension, then each
    /// element as length + binary value. Multi-dimensional arrays become nested arrays, as from text.
    /// </summary>
    private static object?[] DecodeArray(PgTypeInfo type, ReadOnlySpan<byte> value)
    {
        var dimensions = BinaryPrimitives.ReadInt32BigEndian(value);
        if (dimensions == 0)
        {
            return [];
        }

        if (dimensions is < 0 or > MaxDimensions)
        {
            throw Unreadable(type, value, $"{dimensions} dimensions");
        }

        Span<int> lengths = stackalloc int[MaxDimensions];
        lengths = lengths[..dimensions];
        for (var d = 0; d < dimensions; d++)
        {
            lengths[d] = BinaryPrimitives.ReadInt32BigEndian(value[(12 + (8 * d))..]);
        }

        var at = 12 + (8 * dimensions);
        return ReadDimension(type.Element!, value, lengths, 0, ref at);
    }

    private static object?[] ReadDimension(PgTypeInfo element, ReadOnlySpan<byte> value, ReadOnlySpan<int> lengths, int dimension, ref int at)
    {
        var items = new object?[lengths[dimension]];
        for (var i = 0; i < items.Length; i++)
        {
            if (dimension + 1 < lengths.Length)
            {
                items[i] = ReadDimension(element, value, lengths, dimension + 1, ref at);
                continue;
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(value[at..]);
            at += 4;
            if (length >= 0)
            {
                items[i] = Decode(element, value.Slice(at, length));
                at += length;
            }
        }

        return items;
    }

    /// <summary>
    /// numeric_send: ndigits, weight, sign, dscale, then base-10000 digits. Up to 28 significant digits the
    /// decimal is built directly (the same value and scale decimal.Parse gives the text); larger values are
    /// printed as numeric_out would and go the text path's way (decimal when exact, else the text).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static object DecodeNumeric(ReadOnlySpan<byte> value)
    {
        var count = BinaryPrimitives.ReadInt16BigEndian(value);
        var weight = BinaryPrimitives.ReadInt16BigEndian(value[2..]);
        var sign = BinaryPrimitives.ReadUInt16BigEndian(value[4..]);
        var scale = BinaryPrimitives.ReadInt16BigEndian(value[6..]);
        switch (sign)
        {
            case 0xC000: return "NaN";
            case 0xD000: return "Infinity";
            case 0xF000: return "-Infinity";
        }

        if (TryReadDecimal(value, out var exact))
        {
            return exact;
        }

        var size = Math.Max(0, (weight + 1) * 4) + scale + 8;
        Span<byte> text = size <= 512 ? stackalloc byte[512] : new byte[size];
        var at = 0;
        if (sign == 0x4000)
        {
            text[at++] = (byte)'-';
        }

        if (weight < 0)
        {
            text[at++] = (byte)'0';
        }

        for (var d = 0; d <= weight; d++)
        {
            var digit = d < count ? BinaryPrimitives.ReadInt16BigEndian(value[(8 + (2 * d))..]) : 0;
            var started = d > 0;
            for (var divisor = 1000; divisor > 0; divisor /= 10)
            {
                var x = digit / divisor % 10;
                if (started || x != 0 || divisor == 1)
                {
                    text[at++] = (byte)('0' + x);
                    started = true;
                }
            }
        }

        if (scale > 0)
        {
            text[at++] = (byte)'.';
            for (var i = 0; i < scale; i++)
            {
                // Fraction digit i sits in base-10000 digit (weight + 1 + i / 4).
                var d = weight + 1 + (i / 4);
                var digit = d >= 0 && d < count ? BinaryPrimitives.ReadInt16BigEndian(value[(8 + (2 * d))..]) : 0;
                text[at++] = (byte)('0' + (digit / (1000 / Pow10(i % 4)) % 10));
            }
        }

        return NumericText.Parse(text[..at]);
    }

    /// <summary>A finite numeric of at most 28 significant digits and scale, as the decimal of the same value and scale.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryReadDecimal(ReadOnlySpan<byte> value, out decimal exact)
    {
        var sign = BinaryPrimitives.ReadUInt16BigEndian(value[4..]);
        var scale = BinaryPrimitives.ReadInt16BigEndian(value[6..]);
        exact = 0;
        return sign is 0 or 0x4000 && scale <= 28
            && TryDecimal(value[8..], BinaryPrimitives.ReadInt16BigEndian(value), BinaryPrimitives.ReadInt16BigEndian(value[2..]), scale, sign == 0x4000, out exact);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryDecimal(ReadOnlySpan<byte> digits, int count, int weight, int scale, bool negative, out decimal value)
    {
        value = 0;
        UInt128 mantissa = 0;
        for (var i = 0; i < count; i++)
        {
            var digit = (uint)BinaryPrimitives.ReadInt16BigEndian(digits[(2 * i)..]);
            var exponent = (4 * (weight - i)) + scale;
            if (exponent < 0)
            {
                digit /= (uint)Pow10(-exponent); // digits past the scale are zeros
                exponent = 0;
            }

            if (exponent > 28)
            {
                return false;
            }

            // A digit (< 10^4) times 10^15 still fits 64 bits: the common, short numerics never multiply 128-bit values.
            mantissa += exponent <= 15 ? (UInt128)(digit * (ulong)PowersOf10[exponent]) : digit * PowersOf10[exponent];
            if (mantissa >= ((UInt128)1 << 96))
            {
                return false;
            }
        }

        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), (int)(uint)(mantissa >> 64), negative, (byte)scale);
        return true;
    }

    private static int Pow10(int n) => n switch { 0 => 1, 1 => 10, 2 => 100, _ => 1000 };

    /// <summary>network_send: family (2 = IPv4, 3 = IPv6), prefix bits, is-cidr flag, address length, address bytes.</summary>
    private static InetValue DecodeInet(ReadOnlySpan<byte> value) => new(new IPAddress(value.Slice(4, value[3])), value[1]);

    private static PostgresSourceException Unreadable(PgTypeInfo type, ReadOnlySpan<byte> value, string why) =>
        new(PostgresSourceError.ValueNotDecodable, $"Cannot read binary value {Convert.ToHexString(value)} as {type}: {why}.");
}
