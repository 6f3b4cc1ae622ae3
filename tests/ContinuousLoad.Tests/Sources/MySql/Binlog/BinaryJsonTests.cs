using ContinuousLoad.Sources.MySql.Binlog;
using static ContinuousLoad.Tests.Sources.MySql.Binlog.BinaryJsonBuilder;

namespace ContinuousLoad.Tests.Sources.MySql.Binlog;

public sealed class BinaryJsonTests
{
    [Fact]
    public void Entries_that_point_at_their_own_container_again_are_refused_at_once()
    {
        // A small array of 3 elements whose entries all point back at offset 0 (the array itself): read
        // naively, 3^100 values down to the depth limit.
        byte[] document = [0x02, 3, 0, 13, 0, 0x02, 0, 0, 0x02, 0, 0, 0x02, 0, 0];

        var error = Assert.Throws<BinlogFormatException>(() => BinaryJson.ToText(document));

        Assert.Contains("same bytes again", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Small_objects_and_arrays_print_like_mysql()
    {
        var document = Object(
            ("a", Int16(-1)),
            ("list", Array(new Literal(1), new Literal(0), new Literal(2), UInt16(65535), new Text("x"))),
            ("nested", Object(("k", new Text("v")))));

        Assert.Equal("{\"a\": -1, \"list\": [true, null, false, 65535, \"x\"], \"nested\": {\"k\": \"v\"}}", BinaryJson.ToText(Document(document)));
    }

    [Fact]
    public void Large_containers_inline_32_bit_integers()
    {
        var document = LargeObject(("big", Int32(-2_000_000_000)), ("u", UInt32(4_000_000_000)), ("arr", LargeArray(Int32(7), Int64(long.MinValue))));

        Assert.Equal("{\"big\": -2000000000, \"u\": 4000000000, \"arr\": [7, -9223372036854775808]}", BinaryJson.ToText(Document(document)));
    }

    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(-0.1, "-0.1")]
    [InlineData(3.0, "3.0")]
    [InlineData(1e300, "1e300")]
    [InlineData(-2.5e-10, "-2.5e-10")]
    public void Doubles_print_shortest_round_trip(double value, string text) =>
        Assert.Equal(text, BinaryJson.ToText(Document(new DoubleNumber(value))));

    [Fact]
    public void Scalars_at_top_level_and_escaped_strings()
    {
        Assert.Equal("18446744073709551615", BinaryJson.ToText(Document(new UnsignedNumber(ulong.MaxValue))));
        Assert.Equal("\"q\\\"b\\\\n\\nt\\tü\\u0001\"", BinaryJson.ToText(Document(new Text("q\"b\\n\nt\tü\u0001"))));
        Assert.Equal("\"" + new string('x', 200) + "\"", BinaryJson.ToText(Document(new Text(new string('x', 200)))));
        Assert.Equal("{}", BinaryJson.ToText(Document(Object())));
        Assert.Equal("[]", BinaryJson.ToText(Document(Array())));
    }

    [Fact]
    public void Opaque_decimal_and_temporal_values_decode()
    {
        // DECIMAL(5,2) 1.50: precision, scale, then the packed bytes; DATETIME packed as (ymd << 17 | hms) << 24 | microseconds.
        var decimalValue = new Opaque(246, [5, 2, 0x80, 0x01, 0x32]);
        var ymd = ((2024L * 13) + 2) << 5 | 29;
        var packed = ((ymd << 17) | (12L << 12) | (34L << 6) | 56L) << 24 | 123456L;
        var dateTime = new Opaque(12, BitConverter.GetBytes(packed));
        var time = new Opaque(11, BitConverter.GetBytes(-(((1L << 12) | (2L << 6) | 3L) << 24)));
        var other = new Opaque(252, [1, 2, 3]);

        Assert.Equal("[1.50, \"2024-02-29 12:34:56.123456\", \"-01:02:03.000000\", \"base64:type252:AQID\"]",
            BinaryJson.ToText(Document(Array(decimalValue, dateTime, time, other))));
    }

    [Theory]
    [InlineData("00" + "0100" + "FF00")]
    [InlineData("02" + "0100" + "0800" + "0C" + "FF00")]
    [InlineData("0C" + "8080808080")]
    [InlineData("10")]
    [InlineData("04" + "07")]
    [InlineData("")]
    public void Malformed_json_is_a_format_error(string hex) =>
        Assert.Throws<BinlogFormatException>(() => BinaryJson.ToText(Convert.FromHexString(hex)));

    [Fact]
    public void Deep_nesting_is_refused_instead_of_overflowing_the_stack()
    {
        var node = Array();
        for (var i = 0; i < 150; i++)
        {
            node = Array(node);
        }

        Assert.Contains("deeper than", Assert.Throws<BinlogFormatException>(() => BinaryJson.ToText(Document(node))).Message, StringComparison.Ordinal);
    }
}
