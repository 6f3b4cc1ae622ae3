using System.Buffers.Binary;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Values;

namespace ContinuousLoad.Tests.Sources.Postgres;

public sealed class BinaryValueDecoderTests
{
    private static readonly PgTypeInfo Numeric = new(1700, "numeric", PgValueKind.Numeric);

    /// <summary>numeric_send's layout: ndigits, weight, sign, dscale, base-10000 digits.</summary>
    private static byte[] NumericBytes(short weight, ushort sign, short scale, params short[] digits)
    {
        var bytes = new byte[8 + (2 * digits.Length)];
        BinaryPrimitives.WriteInt16BigEndian(bytes, (short)digits.Length);
        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(2), weight);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), sign);
        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(6), scale);
        for (var i = 0; i < digits.Length; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(8 + (2 * i)), digits[i]);
        }

        return bytes;
    }

    [Fact]
    public void Numeric_keeps_value_and_scale_like_the_text_path()
    {
        var oneAndHalf = (decimal)BinaryValueDecoder.Decode(Numeric, NumericBytes(0, 0, 2, 1, 5000));

        Assert.Equal("1.50", oneAndHalf.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(-0.000001m, BinaryValueDecoder.Decode(Numeric, NumericBytes(-2, 0x4000, 6, 100)));
        Assert.Equal(10000.0001m, BinaryValueDecoder.Decode(Numeric, NumericBytes(1, 0, 4, 1, 0, 1)));
        Assert.Equal(0m, BinaryValueDecoder.Decode(Numeric, NumericBytes(0, 0, 0)));
        Assert.Equal(1200000000m, BinaryValueDecoder.Decode(Numeric, NumericBytes(2, 0, 0, 12)));
        Assert.Equal("NaN", BinaryValueDecoder.Decode(Numeric, NumericBytes(0, 0xC000, 0)));
        Assert.Equal("-Infinity", BinaryValueDecoder.Decode(Numeric, NumericBytes(0, 0xF000, 0)));
        // 10^32: beyond a decimal, so the server's text.
        Assert.Equal("100000000000000000000000000000000", BinaryValueDecoder.Decode(Numeric, NumericBytes(8, 0, 0, 1)));
    }

    [Fact]
    public void Dates_and_timestamps_count_from_2000_and_keep_infinities()
    {
        var date = new PgTypeInfo(1082, "date", PgValueKind.Date);
        var timestamp = new PgTypeInfo(1114, "timestamp", PgValueKind.Timestamp);
        var timestampTz = new PgTypeInfo(1184, "timestamptz", PgValueKind.TimestampTz);

        Assert.Equal(new DateOnly(2000, 1, 2), BinaryValueDecoder.Decode(date, BigEndian(1)));
        Assert.Equal(DateOnly.MaxValue, BinaryValueDecoder.Decode(date, BigEndian(int.MaxValue)));
        Assert.Equal(new DateTime(1999, 12, 31, 23, 59, 59, 500), BinaryValueDecoder.Decode(timestamp, BigEndian(-500_000L)));
        Assert.Equal(DateTimeOffset.MinValue, BinaryValueDecoder.Decode(timestampTz, BigEndian(long.MinValue)));
        var error = Assert.Throws<PostgresSourceException>(() => BinaryValueDecoder.Decode(date, BigEndian(-800_000)));
        Assert.Equal(PostgresSourceError.ValueNotDecodable, error.Error);
    }

    [Fact]
    public void Arrays_and_which_types_travel_in_binary()
    {
        var ints = new PgTypeInfo(1007, "_int4", PgValueKind.Array, new PgTypeInfo(23, "int4", PgValueKind.Int32));
        byte[] array = [.. BigEndian(1), .. BigEndian(1), .. BigEndian(23), .. BigEndian(3), .. BigEndian(1), .. BigEndian(4), .. BigEndian(7), .. BigEndian(-1), .. BigEndian(4), .. BigEndian(9)];

        Assert.Equal(new object?[] { 7, null, 9 }, BinaryValueDecoder.Decode(ints, array));
        Assert.True(BinaryValueDecoder.Supports(ints));
        Assert.False(BinaryValueDecoder.Supports(new PgTypeInfo(1186, "interval", PgValueKind.Interval)));
        Assert.False(BinaryValueDecoder.Supports(new PgTypeInfo(90000, "my_domain_over_text", PgValueKind.Text)));
        Assert.True(BinaryValueDecoder.Supports(new PgTypeInfo(1042, "bpchar", PgValueKind.Text)));
    }

    [Fact]
    public void Two_dimensional_arrays_nest_and_more_than_six_dimensions_are_refused()
    {
        var ints = new PgTypeInfo(1007, "_int4", PgValueKind.Array, new PgTypeInfo(23, "int4", PgValueKind.Int32));
        byte[] square = [.. BigEndian(2), .. BigEndian(0), .. BigEndian(23), .. BigEndian(2), .. BigEndian(1), .. BigEndian(2), .. BigEndian(1),
            .. BigEndian(4), .. BigEndian(1), .. BigEndian(4), .. BigEndian(2), .. BigEndian(4), .. BigEndian(3), .. BigEndian(4), .. BigEndian(4)];
        byte[] sevenDimensions = [.. BigEndian(7), .. BigEndian(0), .. BigEndian(23)];

        Assert.Equal(new object?[] { new object?[] { 1, 2 }, new object?[] { 3, 4 } }, BinaryValueDecoder.Decode(ints, square));
        var refused = Assert.Throws<PostgresSourceException>(() => BinaryValueDecoder.Decode(ints, sevenDimensions));
        Assert.Equal(PostgresSourceError.ValueNotDecodable, refused.Error);
    }

    [Fact]
    public void Numeric_with_many_digits_up_to_28_is_an_exact_decimal()
    {
        // 1234567890123456789012345678 (28 digits): weight 6, base-10000 digits 1234 5678 9012 3456 7890 1234 5678.
        var value = BinaryValueDecoder.Decode(Numeric, NumericBytes(6, 0x0000, 0, 1234, 5678, 9012, 3456, 7890, 1234, 5678));
        // 0.0000000000000000000000000001 (scale 28): weight -7, digit 1 (x 10^-28).
        var tiny = BinaryValueDecoder.Decode(Numeric, NumericBytes(-7, 0x0000, 28, 1));

        Assert.Equal(decimal.Parse("1234567890123456789012345678", System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(decimal.Parse("0.0000000000000000000000000001", System.Globalization.CultureInfo.InvariantCulture), tiny);
    }

    private static byte[] BigEndian(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] BigEndian(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }
}
