using System.Text;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Tests.Sources.MySql;

/// <summary>Text-protocol values into the shared representation (MySqlValues).</summary>
public sealed class TextValueDecoderTests
{
    public static TheoryData<MySqlValueKind, string, object> Values => new()
    {
        { MySqlValueKind.Int64, "-9223372036854775808", long.MinValue },
        { MySqlValueKind.UInt64, "18446744073709551615", ulong.MaxValue },
        { MySqlValueKind.Decimal, "-0.50", -0.50m },
        { MySqlValueKind.DecimalText, "123456789012345678901234567890.5", "123456789012345678901234567890.5" },
        { MySqlValueKind.Single, "3.40282e38", 3.40282e38f },
        { MySqlValueKind.Double, "-1.5e-300", -1.5e-300 },
        { MySqlValueKind.Date, "2024-02-29", new DateOnly(2024, 2, 29) },
        { MySqlValueKind.Date, "0000-00-00", "0000-00-00" },
        { MySqlValueKind.Date, "2024-00-10", "2024-00-10" },
        { MySqlValueKind.DateTime, "2024-02-29 13:14:15.123456", new DateTime(2024, 2, 29, 13, 14, 15).AddTicks(1_234_560) },
        { MySqlValueKind.DateTime, "2024-02-29 13:14:15.5", new DateTime(2024, 2, 29, 13, 14, 15, 500) },
        { MySqlValueKind.DateTime, "0000-00-00 00:00:00.000", "0000-00-00 00:00:00.000" },
        { MySqlValueKind.Timestamp, "1970-01-01 00:00:01", new DateTime(1970, 1, 1, 0, 0, 1, DateTimeKind.Utc) },
        { MySqlValueKind.Time, "-838:59:59.000000", -new TimeSpan(838, 59, 59) },
        { MySqlValueKind.Time, "100:00:00.25", new TimeSpan(0, 100, 0, 0, 250) },
        { MySqlValueKind.Time, "-00:00:01", TimeSpan.FromSeconds(-1) },
        { MySqlValueKind.Year, "0000", 0 },
        { MySqlValueKind.Year, "2155", 2155 },
        { MySqlValueKind.Text, "日本", "日本" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Text_values_decode_by_kind(MySqlValueKind kind, string text, object expected)
    {
        var value = TextValueDecoder.Decode(kind, CharacterSets.Utf8Mb4GeneralCollation, Encoding.UTF8.GetBytes(text));

        Assert.Equal(expected, value);
        Assert.Equal(expected.GetType(), value.GetType());
    }

    [Fact]
    public void Decimals_keep_their_scale_and_timestamps_are_utc()
    {
        Assert.Equal(2, ((decimal)TextValueDecoder.Decode(MySqlValueKind.Decimal, 63, "1.50"u8)).Scale);
        Assert.Equal(DateTimeKind.Utc, ((DateTime)TextValueDecoder.Decode(MySqlValueKind.Timestamp, 63, "2020-01-01 00:00:00"u8)).Kind);
    }

    [Fact]
    public void Bits_bytes_and_latin1_text()
    {
        Assert.Equal(0x0102030405060708UL, TextValueDecoder.Decode(MySqlValueKind.Bit, 63, [1, 2, 3, 4, 5, 6, 7, 8]));
        Assert.Equal(new byte[] { 0, 0xFF }, TextValueDecoder.Decode(MySqlValueKind.Bytes, 63, [0, 0xFF]));
        Assert.Equal("café €", TextValueDecoder.Decode(MySqlValueKind.Text, 8, [(byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)' ', 0x80]));
    }

    [Theory]
    [InlineData(MySqlValueKind.Int64, "12a")]
    [InlineData(MySqlValueKind.Date, "2024-1-1")]
    [InlineData(MySqlValueKind.DateTime, "2024-01-01T00:00:00")]
    [InlineData(MySqlValueKind.Time, "12")]
    public void Malformed_text_names_the_value(MySqlValueKind kind, string text)
    {
        var error = Assert.Throws<FormatException>(() => TextValueDecoder.Decode(kind, 45, Encoding.UTF8.GetBytes(text)));

        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_collation_is_named()
    {
        var error = Assert.Throws<NotSupportedException>(() => CharacterSets.GetEncoding(95));

        Assert.Contains("collation id 95", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_dates_print_like_the_server()
    {
        Assert.Equal("0000-00-00", MySqlValues.ZeroDateText(MySqlValueKind.Date, 0));
        Assert.Equal("0000-00-00 00:00:00", MySqlValues.ZeroDateText(MySqlValueKind.DateTime, 0));
        Assert.Equal("0000-00-00 00:00:00.000", MySqlValues.ZeroDateText(MySqlValueKind.Timestamp, 3));
    }
}
