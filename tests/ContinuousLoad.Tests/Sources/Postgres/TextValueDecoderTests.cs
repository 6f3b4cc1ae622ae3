using System.Net;
using System.Text;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Values;

namespace ContinuousLoad.Tests.Sources.Postgres;

public sealed class TextValueDecoderTests
{
    private static object Decode(PgValueKind kind, string text) => TextValueDecoder.Decode(new PgTypeInfo(0, kind.ToString(), kind), Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Scalars_become_our_types()
    {
        Assert.Equal(true, Decode(PgValueKind.Boolean, "t"));
        Assert.Equal(false, Decode(PgValueKind.Boolean, "false"));
        Assert.Equal((short)-32768, Decode(PgValueKind.Int16, "-32768"));
        Assert.Equal(int.MaxValue, Decode(PgValueKind.Int32, "2147483647"));
        Assert.Equal(long.MinValue, Decode(PgValueKind.Int64, "-9223372036854775808"));
        Assert.Equal(4294967295u, Decode(PgValueKind.Oid, "4294967295"));
        Assert.Equal(1.5f, Decode(PgValueKind.Float4, "1.5"));
        Assert.Equal(0.1, Decode(PgValueKind.Float8, "0.1"));
        Assert.Equal(Guid.Parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), Decode(PgValueKind.Uuid, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
        Assert.Equal("{\"a\": 1}", Decode(PgValueKind.Json, "{\"a\": 1}"));
        Assert.Equal("1 day 02:00:00", Decode(PgValueKind.Interval, "1 day 02:00:00"));
        Assert.Equal("happy", Decode(PgValueKind.Enum, "happy"));
    }

    [Theory]
    [InlineData("NaN", double.NaN)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("-0", -0.0)]
    [InlineData("1e+300", 1e300)]
    public void Floats_keep_nan_and_infinities(string text, double expected)
    {
        Assert.Equal(expected, Decode(PgValueKind.Float8, text));
        Assert.Equal((float)expected, Decode(PgValueKind.Float4, text));
    }

    [Fact]
    public void Numeric_is_exact_decimal_or_the_servers_text()
    {
        Assert.Equal(1.50m, Decode(PgValueKind.Numeric, "1.50"));
        Assert.Equal("2", ((decimal)Decode(PgValueKind.Numeric, "2")).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("1.50", ((decimal)Decode(PgValueKind.Numeric, "1.50")).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(-1234567890123456789012345678m, Decode(PgValueKind.Numeric, "-1234567890123456789012345678"));
        Assert.Equal("12345678901234567890123456789012", Decode(PgValueKind.Numeric, "12345678901234567890123456789012"));
        Assert.Equal("0.12345678901234567890123456789012", Decode(PgValueKind.Numeric, "0.12345678901234567890123456789012"));
        Assert.Equal("NaN", Decode(PgValueKind.Numeric, "NaN"));
        Assert.Equal("-Infinity", Decode(PgValueKind.Numeric, "-Infinity"));
    }

    [Fact]
    public void Dates_and_times_read_iso_output()
    {
        Assert.Equal(new DateOnly(2024, 2, 29), Decode(PgValueKind.Date, "2024-02-29"));
        Assert.Equal(DateOnly.MaxValue, Decode(PgValueKind.Date, "infinity"));
        Assert.Equal(new TimeSpan(0, 13, 5, 0, 250), Decode(PgValueKind.Time, "13:05:00.25"));
        Assert.Equal(TimeSpan.FromHours(24), Decode(PgValueKind.Time, "24:00:00"));
        Assert.Equal(new TimeWithOffset(new TimeSpan(1, 2, 3), new TimeSpan(5, 30, 0)), Decode(PgValueKind.TimeTz, "01:02:03+05:30"));
        Assert.Equal(new TimeWithOffset(new TimeSpan(1, 2, 3), TimeSpan.FromHours(-8)), Decode(PgValueKind.TimeTz, "01:02:03-08"));
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5).AddTicks(1234560), Decode(PgValueKind.Timestamp, "2024-01-02 03:04:05.123456"));
        Assert.Equal(DateTime.MinValue, Decode(PgValueKind.Timestamp, "-infinity"));
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 22, 0, 0, TimeSpan.Zero), Decode(PgValueKind.TimestampTz, "2024-01-02 03:30:00+05:30"));
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), Decode(PgValueKind.TimestampTz, "2024-01-02 03:04:05+00"));
    }

    [Theory]
    [InlineData(PgValueKind.Date, "2024-02-30")]
    [InlineData(PgValueKind.Date, "0044-03-15 BC")]
    [InlineData(PgValueKind.Timestamp, "10000-01-01 00:00:00")]
    [InlineData(PgValueKind.Time, "13:05")]
    [InlineData(PgValueKind.Int32, "2147483648")]
    [InlineData(PgValueKind.Boolean, "yes")]
    [InlineData(PgValueKind.Bytea, "0102")]
    [InlineData(PgValueKind.Inet, "not-an-address")]
    public void Unreadable_values_are_refused_with_the_value_and_type(PgValueKind kind, string text)
    {
        var error = Assert.Throws<PostgresSourceException>(() => Decode(kind, text));

        Assert.Equal(PostgresSourceError.ValueNotDecodable, error.Error);
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytea_uuid_and_addresses()
    {
        Assert.Equal(new byte[] { 0, 0xFF, 0x10 }, Decode(PgValueKind.Bytea, "\\x00ff10"));
        Assert.Empty((byte[])Decode(PgValueKind.Bytea, "\\x"));
        Assert.Equal(new InetValue(IPAddress.Parse("192.168.1.5"), 32), Decode(PgValueKind.Inet, "192.168.1.5"));
        Assert.Equal(new InetValue(IPAddress.Parse("192.168.1.5"), 24), Decode(PgValueKind.Inet, "192.168.1.5/24"));
        Assert.Equal(new InetValue(IPAddress.Parse("2001:db8::"), 32), Decode(PgValueKind.Inet, "2001:db8::/32"));
        Assert.Equal("192.168.1.5/24", Decode(PgValueKind.Inet, "192.168.1.5/24").ToString());
    }

    [Fact]
    public void Arrays_nest_quote_and_hold_nulls()
    {
        var ints = new PgTypeInfo(1007, "_int4", PgValueKind.Array, new PgTypeInfo(23, "int4", PgValueKind.Int32));
        var texts = new PgTypeInfo(1009, "_text", PgValueKind.Array, new PgTypeInfo(25, "text", PgValueKind.Text));
        var boxes = new PgTypeInfo(1020, "_box", PgValueKind.Array, new PgTypeInfo(603, "box", PgValueKind.Text), ';');

        Assert.Equal(new object?[] { 1, null, 3 }, TextValueDecoder.Decode(ints, "{1,NULL,3}"u8));
        Assert.Equal(new object?[] { new object?[] { 1, 2 }, new object?[] { 3, 4 } }, TextValueDecoder.Decode(ints, "{{1,2},{3,4}}"u8));
        Assert.Equal(new object?[] { 7, 8 }, TextValueDecoder.Decode(ints, "[0:1]={7,8}"u8));
        Assert.Empty((object?[])TextValueDecoder.Decode(ints, "{}"u8));
        Assert.Equal(new object?[] { "a b", "q\"u\\o", null, "NULL", "" }, TextValueDecoder.Decode(texts, "{\"a b\",\"q\\\"u\\\\o\",NULL,\"NULL\",\"\"}"u8));
        Assert.Equal(new object?[] { "(1,1),(0,0)", "(2,2),(1,1)" }, TextValueDecoder.Decode(boxes, "{(1,1),(0,0);(2,2),(1,1)}"u8));
        Assert.Throws<PostgresSourceException>(() => TextValueDecoder.Decode(ints, "{1,2"u8));
        Assert.Throws<PostgresSourceException>(() => TextValueDecoder.Decode(ints, "{1,2}x"u8));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(100_000)]
    public void Arrays_nested_past_postgresql_six_dimensions_are_refused(int levels)
    {
        var ints = new PgTypeInfo(1007, "_int4", PgValueKind.Array, new PgTypeInfo(23, "int4", PgValueKind.Int32));
        var text = Encoding.UTF8.GetBytes(new string('{', levels) + "1" + new string('}', levels));

        var error = Assert.Throws<PostgresSourceException>(() => TextValueDecoder.Decode(ints, text));

        Assert.Contains("more than 6 dimensions", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 400, "the message names the value cut short");
    }
}
