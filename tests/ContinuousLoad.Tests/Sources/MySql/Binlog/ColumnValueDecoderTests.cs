using System.Text;
using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.MySql.Binlog;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Tests.Sources.MySql.Binlog;

/// <summary>Every column type's binary row form, built from the documented layouts, decoded to the shared value representation.</summary>
public sealed class ColumnValueDecoderTests
{
    private static readonly BinlogColumnSchema Signed = new("c", false, CharacterSets.Utf8Mb4GeneralCollation, []);
    private static readonly BinlogColumnSchema Unsigned = new("c", true, CharacterSets.Utf8Mb4GeneralCollation, []);
    private static readonly BinlogColumnSchema Binary = new("c", false, CharacterSets.BinaryCollation, []);

    [Theory]
    [InlineData(MySqlColumnType.Tiny, "80", false, -128L)]
    [InlineData(MySqlColumnType.Tiny, "ff", true, 255L)]
    [InlineData(MySqlColumnType.Short, "0080", false, -32768L)]
    [InlineData(MySqlColumnType.Short, "ffff", true, 65535L)]
    [InlineData(MySqlColumnType.Int24, "000080", false, -8388608L)]
    [InlineData(MySqlColumnType.Int24, "feffff", false, -2L)]
    [InlineData(MySqlColumnType.Int24, "ffffff", true, 16777215L)]
    [InlineData(MySqlColumnType.Long, "00000080", false, -2147483648L)]
    [InlineData(MySqlColumnType.Long, "ffffffff", true, 4294967295L)]
    [InlineData(MySqlColumnType.LongLong, "0000000000000080", false, long.MinValue)]
    public void Integers_are_long_whatever_their_size(MySqlColumnType type, string hex, bool unsigned, long expected) =>
        Assert.Equal(expected, Decode(new BinlogColumn(type, 0, 0, 0, true), hex, unsigned ? Unsigned : Signed));

    [Fact]
    public void Bigint_unsigned_is_ulong() =>
        Assert.Equal(ulong.MaxValue, Decode(new BinlogColumn(MySqlColumnType.LongLong, 0, 0, 0, true), "ffffffffffffffff", Unsigned));

    [Fact]
    public void Float_and_double_are_little_endian_ieee()
    {
        Assert.Equal(1.5f, Decode(new BinlogColumn(MySqlColumnType.Float, 4, 0, 0, true), Hex(BitConverter.GetBytes(1.5f)), Signed));
        Assert.Equal(-2.25e300, Decode(new BinlogColumn(MySqlColumnType.Double, 8, 0, 0, true), Hex(BitConverter.GetBytes(-2.25e300)), Signed));
    }

    [Theory]
    [InlineData(14, 4, "810DFB38D204D2", "1234567890.1234")]
    [InlineData(14, 4, "7EF204C72DFB2D", "-1234567890.1234")]
    [InlineData(5, 2, "800132", "1.50")]
    [InlineData(10, 0, "80000000FF", "255")]
    public void Decimals_keep_their_scale(int precision, int scale, string hex, string expected)
    {
        var value = Assert.IsType<decimal>(Decode(new BinlogColumn(MySqlColumnType.NewDecimal, 0, (byte)precision, (byte)scale, true), hex[..(2 * PackedDecimal.Size(precision, scale))], Signed));

        Assert.Equal(expected, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Decimals_wider_than_28_digits_are_exact_text()
    {
        // DECIMAL(30,0) 10^29: a 3-digit leading group (2 bytes), then three 9-digit groups of 4 bytes.
        var bytes = Convert.FromHexString("8064" + "00000000" + "00000000" + "00000000");
        Assert.Equal(PackedDecimal.Size(30, 0), bytes.Length);

        var value = Decode(new BinlogColumn(MySqlColumnType.NewDecimal, 0, 30, 0, true), Hex(bytes), Signed);

        Assert.Equal("100000000000000000000000000000", value);
    }

    [Theory]
    [InlineData(2024, 2, 29, "2024-02-29")]
    [InlineData(0, 0, 0, "0000-00-00")]
    [InlineData(2020, 0, 0, "2020-00-00")]
    public void Dates_are_date_only_or_the_text_of_a_zero_date(int year, int month, int day, string text)
    {
        var packed = (uint)(day | month << 5 | year << 9);
        var value = Decode(new BinlogColumn(MySqlColumnType.Date, 0, 0, 0, true), Hex([(byte)packed, (byte)(packed >> 8), (byte)(packed >> 16)]), Signed);

        Assert.Equal(text, value is DateOnly date ? date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : value);
    }

    [Theory]
    [InlineData(0, "80C8B8", "12:34:56")]
    [InlineData(3, "7FFFFEEC78", "-00:00:01.5000000")]
    [InlineData(6, "4B9105000000", "-838:59:59")]
    [InlineData(1, "80000032", "00:00:00.5000000")]
    public void Time2_is_a_signed_time_span_beyond_a_day(int digits, string hex, string expected)
    {
        var value = (TimeSpan)Decode(new BinlogColumn(MySqlColumnType.Time2, digits, 0, 0, true), hex, Signed);

        Assert.Equal(Parse(expected), value);
    }

    [Fact]
    public void Old_time_datetime_and_timestamp_formats_decode()
    {
        Assert.Equal(-new TimeSpan(12, 34, 56), Decode(new BinlogColumn(MySqlColumnType.Time, 0, 0, 0, true), Hex(BitConverter.GetBytes(-123456)[..3]), Signed));
        Assert.Equal(new DateTime(2024, 2, 29, 12, 34, 56), Decode(new BinlogColumn(MySqlColumnType.DateTime, 0, 0, 0, true), Hex(BitConverter.GetBytes(20240229123456UL)), Signed));
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1_700_000_000), Decode(new BinlogColumn(MySqlColumnType.Timestamp, 0, 0, 0, true), Hex(BitConverter.GetBytes(1_700_000_000u)), Signed));
        Assert.Equal("0000-00-00 00:00:00", Decode(new BinlogColumn(MySqlColumnType.Timestamp, 0, 0, 0, true), "00000000", Signed));
    }

    [Fact]
    public void Datetime2_and_timestamp2_carry_their_fractions()
    {
        var dateTime = (DateTime)Decode(new BinlogColumn(MySqlColumnType.DateTime2, 6, 0, 0, true), DateTime2Hex(2024, 2, 29, 23, 59, 58, fraction: 0x01E240, fractionBytes: 3), Signed);
        var stamp = (DateTime)Decode(new BinlogColumn(MySqlColumnType.Timestamp2, 3, 0, 0, true), "6553F100" + "04CE", Signed);
        var zero = Decode(new BinlogColumn(MySqlColumnType.DateTime2, 2, 0, 0, true), DateTime2Hex(0, 0, 0, 0, 0, 0, 0, 1), Signed);

        Assert.Equal(new DateTime(2024, 2, 29, 23, 59, 58).AddTicks(123456 * 10), dateTime);
        Assert.Equal(DateTimeKind.Unspecified, dateTime.Kind);
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1_700_000_000).AddMilliseconds(123), stamp);
        Assert.Equal(DateTimeKind.Utc, stamp.Kind);
        Assert.Equal("0000-00-00 00:00:00.00", zero);
    }

    [Fact]
    public void Year_is_an_int_with_zero_for_0000()
    {
        Assert.Equal(2024, Decode(new BinlogColumn(MySqlColumnType.Year, 0, 0, 0, true), "7c", Signed));
        Assert.Equal(0, Decode(new BinlogColumn(MySqlColumnType.Year, 0, 0, 0, true), "00", Signed));
    }

    [Fact]
    public void Strings_take_one_or_two_length_bytes_and_their_charset()
    {
        var latin1 = new BinlogColumnSchema("c", false, 8, []);

        Assert.Equal("é字", Decode(new BinlogColumn(MySqlColumnType.VarChar, 40, 0, 0, true), "05" + Hex(Encoding.UTF8.GetBytes("é字")), Signed));
        Assert.Equal("ab", Decode(new BinlogColumn(MySqlColumnType.VarChar, 4000, 0, 0, true), "0200" + "6162", Signed));
        Assert.Equal("café €", Decode(new BinlogColumn(MySqlColumnType.VarChar, 20, 0, 0, true), "06" + "636166E92080", latin1));
        Assert.Equal("xy", Decode(new BinlogColumn(MySqlColumnType.String, 1020, 0, 0, true), "0200" + "7879", Signed));
    }

    [Fact]
    public void Binary_strings_are_bytes_and_binary_n_gets_its_trailing_zeros_back()
    {
        Assert.Equal(new byte[] { 0x61, 0x62, 0, 0 }, Decode(new BinlogColumn(MySqlColumnType.String, 4, 0, 0, true), "026162", Binary));
        Assert.Equal(new byte[] { 0, 0xFF }, Decode(new BinlogColumn(MySqlColumnType.VarChar, 20, 0, 0, true), "0200ff"[..2] + "00ff", Binary));
        Assert.Equal(new byte[] { 1, 2, 3 }, Decode(new BinlogColumn(MySqlColumnType.Blob, 2, 0, 0, true), "0300010203", Binary));
        Assert.Equal("text", Decode(new BinlogColumn(MySqlColumnType.Blob, 4, 0, 0, true), "04000000" + Hex(Encoding.ASCII.GetBytes("text")), Signed));
        Assert.Equal(new byte[] { 9, 8 }, Decode(new BinlogColumn(MySqlColumnType.Geometry, 4, 0, 0, true), "020000000908", Signed));
    }

    [Fact]
    public void Enum_and_set_become_member_text()
    {
        var members = new BinlogColumnSchema("c", false, CharacterSets.Utf8Mb4GeneralCollation, ["a", "b", "ç"]);

        Assert.Equal("ç", Decode(new BinlogColumn(MySqlColumnType.Enum, 1, 0, 0, true), "03", members));
        Assert.Equal("", Decode(new BinlogColumn(MySqlColumnType.Enum, 2, 0, 0, true), "0000", members));
        Assert.Equal("a,ç", Decode(new BinlogColumn(MySqlColumnType.Set, 1, 0, 0, true), "05", members));
        Assert.Equal("", Decode(new BinlogColumn(MySqlColumnType.Set, 1, 0, 0, true), "00", members));
        var unknown = Assert.Throws<BinlogFormatException>(() => Decode(new BinlogColumn(MySqlColumnType.Enum, 1, 0, 0, true), "07", members));
        Assert.Contains("reload its schema", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bits_are_big_endian_ulong()
    {
        Assert.Equal(682UL, Decode(new BinlogColumn(MySqlColumnType.Bit, 10, 0, 0, true), "02AA", Signed));
        Assert.Equal(ulong.MaxValue, Decode(new BinlogColumn(MySqlColumnType.Bit, 64, 0, 0, true), "ffffffffffffffff", Signed));
    }

    [Fact]
    public void MySql_json_is_converted_to_text()
    {
        // {"a": 1}: small object, 1 element, size 12, key entry (offset 11, length 1), value entry int16 inline 1, key "a".
        var json = "00" + "0100" + "0C00" + "0B00" + "0100" + "05" + "0100" + "61";
        Assert.Equal("{\"a\": 1}", Decode(new BinlogColumn(MySqlColumnType.Json, 4, 0, 0, true), "0D000000" + json, Signed));
    }

    private static object Decode(BinlogColumn column, string hex, BinlogColumnSchema schema)
    {
        var bytes = Convert.FromHexString(hex);
        var reader = new BinlogSpanReader(bytes, BinlogEventType.WriteRowsV2);
        var value = ColumnValueDecoder.Read(ref reader, column, schema);
        Assert.Equal(0, reader.Remaining);
        return value;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes);

    private static TimeSpan Parse(string text) =>
        text.StartsWith('-') ? -Parse(text[1..]) : text.Split(':') is [var h, var m, var s] && int.Parse(h, System.Globalization.CultureInfo.InvariantCulture) >= 24
            ? TimeSpan.FromHours(int.Parse(h, System.Globalization.CultureInfo.InvariantCulture)) + TimeSpan.Parse("00:" + m + ":" + s, System.Globalization.CultureInfo.InvariantCulture)
            : TimeSpan.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    // DATETIME2 (MySQL my_time.cc): ((year*13+month) << 5 | day) << 17 | hour << 12 | minute << 6 | second, plus 0x8000000000, big-endian, then the fraction.
    private static string DateTime2Hex(int year, int month, int day, int hour, int minute, int second, int fraction, int fractionBytes)
    {
        var integer = ((((long)year * 13 + month) << 5 | (long)day) << 17 | (long)hour << 12 | (long)minute << 6 | (long)second) + 0x80_0000_0000L;
        var bytes = new byte[5 + fractionBytes];
        for (var i = 0; i < 5; i++)
        {
            bytes[i] = (byte)(integer >> (8 * (4 - i)));
        }

        for (var i = 0; i < fractionBytes; i++)
        {
            bytes[5 + i] = (byte)(fraction >> (8 * (fractionBytes - 1 - i)));
        }

        return Hex(bytes);
    }
}
