using System.Globalization;
using ContinuousLoad.Jobs.Sources.Cdc;

namespace ContinuousLoad.Tests.Jobs.Cdc;

/// <summary>A MySQL key kept in an offset reads back to the same values, of the same types, that were written.</summary>
public sealed class MySqlKeyTextTests
{
    private static readonly DateTime LocalTime = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Unspecified).AddTicks(1_234_567);

    private static readonly DateTime UtcTime = new DateTime(1999, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_999);

    [Fact]
    public void Each_value_is_written_as_its_type_tag_and_invariant_text()
    {
        var text = MySqlKeyText.Write(
        [
            null, -42L, ulong.MaxValue, 2024, -1.50m, "a:b", new byte[] { 1, 2, 0xFF }, new DateOnly(2024, 5, 6), LocalTime, UtcTime,
            new TimeSpan(-30_203_990_000_010),
        ]);

        Assert.Equal(
            [
                "n:", "i:-42", "u:18446744073709551615", "y:2024", "d:-1.50", "s:a:b", "b:AQL/", "D:2024-05-06", "t:2024-05-06T07:08:09.1234567",
                "T:1999-12-31T23:59:59.9999999", "p:-30203990000010",
            ],
            text);
    }

    [Fact]
    public void Integers_read_back_as_the_same_integer_types()
    {
        var key = RoundTrip([0L, -42L, long.MinValue, long.MaxValue, ulong.MaxValue, 0UL, 2024, 0]);

        Assert.Equal(0L, Assert.IsType<long>(key[0]));
        Assert.Equal(-42L, Assert.IsType<long>(key[1]));
        Assert.Equal(long.MinValue, Assert.IsType<long>(key[2]));
        Assert.Equal(long.MaxValue, Assert.IsType<long>(key[3]));
        Assert.Equal(ulong.MaxValue, Assert.IsType<ulong>(key[4]));
        Assert.Equal(0UL, Assert.IsType<ulong>(key[5]));
        Assert.Equal(2024, Assert.IsType<int>(key[6]));
        Assert.Equal(0, Assert.IsType<int>(key[7]));
    }

    [Theory]
    [InlineData("1.50")]
    [InlineData("-0.50")]
    [InlineData("0.000")]
    [InlineData("12345678901234567890.12345678")]
    public void A_decimal_reads_back_with_its_scale(string digits)
    {
        var value = decimal.Parse(digits, CultureInfo.InvariantCulture);

        var read = Assert.IsType<decimal>(Assert.Single(RoundTrip([value])));

        Assert.Equal(value, read);
        Assert.Equal(digits, read.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a:b:c")]
    [InlineData("n:")]
    [InlineData("héllo 日本 🙂")]
    [InlineData(" leading and trailing ")]
    public void A_string_reads_back_unchanged(string value)
    {
        Assert.Equal(value, Assert.IsType<string>(Assert.Single(RoundTrip([value]))));
    }

    [Fact]
    public void Bytes_read_back_as_the_same_bytes()
    {
        var key = RoundTrip([new byte[] { 0, 1, 0x7F, 0x80, 0xFE, 0xFF, 0 }, Array.Empty<byte>()]);

        Assert.Equal([0, 1, 0x7F, 0x80, 0xFE, 0xFF, 0], Assert.IsType<byte[]>(key[0]));
        Assert.Empty(Assert.IsType<byte[]>(key[1]));
    }

    [Fact]
    public void Dates_and_times_read_back_exactly_with_their_kind()
    {
        var key = RoundTrip([new DateOnly(1, 1, 1), new DateOnly(9999, 12, 31), LocalTime, UtcTime]);

        Assert.Equal(new DateOnly(1, 1, 1), Assert.IsType<DateOnly>(key[0]));
        Assert.Equal(new DateOnly(9999, 12, 31), Assert.IsType<DateOnly>(key[1]));

        var local = Assert.IsType<DateTime>(key[2]);
        Assert.Equal((LocalTime.Ticks, DateTimeKind.Unspecified), (local.Ticks, local.Kind));

        var utc = Assert.IsType<DateTime>(key[3]);
        Assert.Equal((UtcTime.Ticks, DateTimeKind.Utc), (utc.Ticks, utc.Kind));
    }

    [Fact]
    public void Times_read_back_negative_and_beyond_a_day()
    {
        // MySQL TIME spans -838:59:59.000000 to 838:59:59.000000.
        var min = -new TimeSpan(0, 838, 59, 59);
        var past = new TimeSpan(1, 22, 33, 44) + TimeSpan.FromTicks(5_670);
        var key = RoundTrip([min, past, TimeSpan.FromTicks(-10), TimeSpan.Zero]);

        Assert.Equal(min, Assert.IsType<TimeSpan>(key[0]));
        Assert.Equal(past, Assert.IsType<TimeSpan>(key[1]));
        Assert.Equal(TimeSpan.FromTicks(-10), Assert.IsType<TimeSpan>(key[2]));
        Assert.Equal(TimeSpan.Zero, Assert.IsType<TimeSpan>(key[3]));
    }

    [Fact]
    public void A_null_reads_back_as_null_in_its_place()
    {
        var key = RoundTrip([1L, null, "x"]);

        Assert.Equal(3, key.Count);
        Assert.Equal(1L, key[0]);
        Assert.Null(key[1]);
        Assert.Equal("x", key[2]);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("")]
    [InlineData("z:1")]
    [InlineData("i1")]
    [InlineData("i:")]
    [InlineData("i:abc")]
    [InlineData("u:-1")]
    [InlineData("y:-1")]
    [InlineData("b:not base64!")]
    [InlineData("D:2024-13-01")]
    [InlineData("t:2024-05-06 07:08:09")]
    [InlineData("p:1.5")]
    public void Text_not_written_as_a_key_value_is_refused(string text)
    {
        Assert.Throws<FormatException>(() => MySqlKeyText.Read([text]));
    }

    [Fact]
    public void A_value_of_a_type_a_key_cannot_hold_is_refused()
    {
        Assert.Throws<ArgumentException>(() => MySqlKeyText.Write([1L, Guid.NewGuid()]));
        Assert.Throws<ArgumentException>(() => MySqlKeyText.Write([1.5d]));
    }

    private static IReadOnlyList<object?> RoundTrip(IReadOnlyList<object?> key) => MySqlKeyText.Read(MySqlKeyText.Write(key));
}
