using System.Text;
using ContinuousLoad.Sources.MySql.Binlog;
using ContinuousLoad.Sources.MySql.Values;
using static ContinuousLoad.Tests.Sources.MySql.Binlog.BinlogEventBytes;

namespace ContinuousLoad.Tests.Sources.MySql.Binlog;

/// <summary>
/// The typed getters of a row image read every kind without boxing and agree with the boxed
/// <see cref="MySqlValues"/> representation; a wrong kind, a NULL, a zero date or an absent column says
/// which getter or check to use.
/// </summary>
public sealed class RowImageGetterTests
{
    // id INT, big BIGINT UNSIGNED, flags BIT(10), price DECIMAL(10,2), wide DECIMAL(30,2), f FLOAT, d DOUBLE, day DATE,
    // at DATETIME(6), ts TIMESTAMP(3), t TIME, y YEAR, name VARCHAR(40), raw VARBINARY(10), note VARCHAR(40).
    private static readonly byte[] Types = [3, 8, 16, 246, 246, 4, 5, 10, 18, 17, 19, 13, 15, 15, 15];
    private static readonly byte[] Metadata = [2, 1, 10, 2, 30, 2, 4, 8, 6, 3, 0, 40, 0, 10, 0, 40, 0];

    private static readonly BinlogTableSchema Schema = new("shop", "items",
    [
        Column("id"), new BinlogColumnSchema("big", true, CharacterSets.Utf8Mb4GeneralCollation, []), Column("flags"), Column("price"),
        Column("wide"), Column("f"), Column("d"), Column("day"), Column("at"), Column("ts"), Column("t"), Column("y"), Column("name"),
        new BinlogColumnSchema("raw", false, CharacterSets.BinaryCollation, []), Column("note"),
    ]);

    private static readonly DateTime At = new DateTime(2024, 2, 29, 23, 59, 58).AddTicks(1234560);

    [Fact]
    public void Every_kind_reads_through_its_getter_and_equals_the_boxed_value()
    {
        var image = Decode(Row(day: Date(2024, 2, 29), at: DateTime2(At))).Single();

        Assert.Equal(-5L, image.GetInt64(0));
        Assert.Equal(ulong.MaxValue, image.GetUInt64(1));
        Assert.Equal(682UL, image.GetUInt64(2));
        Assert.Equal("1.50", image.GetDecimal(3).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("1.50", image.GetString(4));
        Assert.Equal(1.5f, image.GetSingle(5));
        Assert.Equal(-2.25, image.GetDouble(6));
        Assert.Equal(new DateOnly(2024, 2, 29), image.GetDateOnly(7));
        Assert.Equal(At, image.GetDateTime(8));
        Assert.Equal(DateTimeKind.Unspecified, image.GetDateTime(8).Kind);
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1_700_000_000).AddMilliseconds(123), image.GetDateTime(9));
        Assert.Equal(DateTimeKind.Utc, image.GetDateTime(9).Kind);
        Assert.Equal(new TimeSpan(12, 34, 56), image.GetTimeSpan(10));
        Assert.Equal(2024, image.GetInt32(11));
        Assert.Equal("é字", image.GetString(12));
        Assert.Equal(new byte[] { 0, 0xFF }, image.GetBytes(13));
        Assert.True(image.IsNull(14));
        Assert.Equal(
            [-5L, ulong.MaxValue, 682UL, 1.50m, "1.50", 1.5f, -2.25, new DateOnly(2024, 2, 29), At, DateTime.UnixEpoch.AddSeconds(1_700_000_000).AddMilliseconds(123),
                new TimeSpan(12, 34, 56), 2024, "é字", new byte[] { 0, 0xFF }, null],
            image.Values);
    }

    [Fact]
    public void Kinds_are_per_column_and_tell_which_getter_reads_it()
    {
        var image = Decode(Row(day: Date(2024, 2, 29), at: DateTime2(At))).Single();

        Assert.Equal(
            [MySqlValueKind.Int64, MySqlValueKind.UInt64, MySqlValueKind.Bit, MySqlValueKind.Decimal, MySqlValueKind.DecimalText, MySqlValueKind.Single,
                MySqlValueKind.Double, MySqlValueKind.Date, MySqlValueKind.DateTime, MySqlValueKind.Timestamp, MySqlValueKind.Time, MySqlValueKind.Year,
                MySqlValueKind.Text, MySqlValueKind.Bytes, MySqlValueKind.Text],
            Enumerable.Range(0, image.Count).Select(image.Kind));
    }

    [Theory]
    [InlineData(12, "GetInt64", "GetString")]
    [InlineData(1, "GetInt64", "GetUInt64")]
    [InlineData(0, "GetUInt64", "GetInt64")]
    [InlineData(4, "GetDecimal", "GetString")]
    [InlineData(3, "GetString", "GetDecimal")]
    [InlineData(7, "GetDateTime", "GetDateOnly")]
    [InlineData(8, "GetString", "GetDateTime")]
    [InlineData(11, "GetInt64", "GetInt32")]
    [InlineData(5, "GetDouble", "GetSingle")]
    [InlineData(13, "GetString", "GetBytes")]
    [InlineData(10, "GetDateTime", "GetTimeSpan")]
    public void A_getter_of_the_wrong_kind_names_the_column_and_the_right_getter(int column, string getter, string expected)
    {
        var image = Decode(Row(day: Date(2024, 2, 29), at: DateTime2(At))).Single();

        var error = Assert.Throws<InvalidCastException>(() => Call(image, getter, column));

        Assert.Contains($"Column {Schema.Columns[column].Name} (", error.Message, StringComparison.Ordinal);
        Assert.Contains("of shop.items", error.Message, StringComparison.Ordinal);
        Assert.Contains($"read it with {expected}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_dates_are_text_and_the_date_getters_refuse_them()
    {
        var image = Decode(Row(day: Date(0, 0, 0), at: DateTime2Parts(2020, 0, 0, 10, 0, 0, 0))).Single();

        Assert.False(image.TryGetDateOnly(7, out _));
        Assert.Equal("0000-00-00", image.GetString(7));
        Assert.Equal("0000-00-00", image[7]);
        Assert.False(image.TryGetDateTime(8, out _));
        Assert.Equal("2020-00-00 10:00:00.000000", image.GetString(8));
        Assert.Equal(image.GetString(8), image[8]);
        var error = Assert.Throws<InvalidCastException>(() => image.GetDateOnly(7));
        Assert.Contains("zero date '0000-00-00'", error.Message, StringComparison.Ordinal);
        Assert.Contains("GetString", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidCastException>(() => image.GetDateTime(8));
    }

    [Fact]
    public void A_null_value_has_no_typed_value()
    {
        var image = Decode(Row(day: Date(2024, 2, 29), at: DateTime2(At))).Single();

        var error = Assert.Throws<InvalidCastException>(() => image.GetString(14));

        Assert.True(image.IsPresent(14));
        Assert.Null(image[14]);
        Assert.Contains("Column note (VarChar) of shop.items is NULL", error.Message, StringComparison.Ordinal);
        Assert.Contains("IsNull", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_left_out_of_a_partial_image_is_absent_not_null()
    {
        // Columns-present bitmap without "name" (12) and "note" (14); the NULL bitmap covers the 13 present columns.
        var image = Decode(Row(day: Date(2024, 2, 29), at: DateTime2(At), present: [0xFF, 0x2F])).Single();

        Assert.False(image.IsPresent(12));
        Assert.False(image.IsNull(12));
        Assert.Null(image[12]);
        Assert.False(image.IsFull);
        Assert.Equal(new byte[] { 0, 0xFF }, image.GetBytes(13));
        var error = Assert.Throws<InvalidOperationException>(() => image.GetString(12));
        Assert.Contains("is not in this row image", error.Message, StringComparison.Ordinal);
        Assert.Contains("IsPresent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Images_of_one_event_read_their_own_values()
    {
        var images = Decode(Row(day: Date(2024, 2, 29), at: DateTime2(At), id: 1), Row(day: Date(1999, 12, 31), at: DateTime2(At), id: 2));

        Assert.Equal([1L, 2L], images.Select(image => image.GetInt64(0)));
        Assert.Equal([new DateOnly(2024, 2, 29), new DateOnly(1999, 12, 31)], images.Select(image => image.GetDateOnly(7)));
        Assert.Throws<ArgumentOutOfRangeException>(() => images[0].IsNull(15));
        Assert.Throws<ArgumentOutOfRangeException>(() => images[0].GetInt64(-1));
    }

    private static BinlogColumnSchema Column(string name) => new(name, false, CharacterSets.Utf8Mb4GeneralCollation, []);

    private static object Call(RowImage image, string getter, int column) => getter switch
    {
        "GetInt64" => image.GetInt64(column),
        "GetUInt64" => image.GetUInt64(column),
        "GetInt32" => image.GetInt32(column),
        "GetDecimal" => image.GetDecimal(column),
        "GetDouble" => image.GetDouble(column),
        "GetDateTime" => image.GetDateTime(column),
        "GetDateOnly" => image.GetDateOnly(column),
        "GetBytes" => image.GetBytes(column),
        _ => image.GetString(column),
    };

    private static List<RowImage> Decode(params byte[][] rows)
    {
        var parser = new BinlogEventParser();
        parser.Parse(MariaDbFormatDescription());
        parser.Parse(Event(BinlogEventType.TableMap, TableMapBody(42, "shop", "items", Types, Metadata)));
        var present = rows[0][..2];
        var write = (RowsEvent)parser.Parse(Event(BinlogEventType.WriteRowsV1, Concat(LittleEndian(42, 6), [1, 0], [15], present, Concat(rows.Select(row => row[2..]).ToArray()))));
        Assert.True(parser.TryGetTableMap(42, out var map));
        return RowImageDecoder.Decode(write, map, Schema);
    }

    // A row of every column, "note" NULL; the first two bytes are the columns-present bitmap the event carries (not part of the image).
    private static byte[] Row(byte[] day, byte[] at, long id = -5, byte[]? present = null)
    {
        present ??= [0xFF, 0x7F];
        var name = (present[1] & 0x10) != 0;
        var note = (present[1] & 0x40) != 0;
        var values = new List<byte[]>
        {
            LittleEndian(unchecked((ulong)id), 4), LittleEndian(ulong.MaxValue, 8), new byte[] { 0x02, 0xAA }, Convert.FromHexString("8000000132"),
            Convert.FromHexString("80" + "00000000" + "00000000" + "00000001" + "32"), BitConverter.GetBytes(1.5f), BitConverter.GetBytes(-2.25),
            day, at, Convert.FromHexString("6553F100" + "04CE"), Convert.FromHexString("80C8B8"), new byte[] { 124 },
        };
        if (name)
        {
            values.Add(Concat([5], Encoding.UTF8.GetBytes("é字")));
        }

        values.Add([2, 0, 0xFF]);
        // NULL bitmap over the present columns: only "note" (the last present one when it is there) is NULL.
        var presentCount = values.Count + (note ? 1 : 0);
        var nulls = new byte[(presentCount + 7) / 8];
        if (note)
        {
            nulls[(presentCount - 1) / 8] |= (byte)(1 << ((presentCount - 1) % 8));
        }

        return Concat(present, nulls, Concat(values.ToArray()));
    }

    private static byte[] Date(int year, int month, int day) => LittleEndian((ulong)(day | month << 5 | year << 9), 3);

    private static byte[] DateTime2(DateTime value) =>
        DateTime2Parts(value.Year, value.Month, value.Day, value.Hour, value.Minute, value.Second, (int)(value.Ticks % TimeSpan.TicksPerSecond / 10));

    // DATETIME2(6) (MySQL my_time.cc): ((year*13+month) << 5 | day) << 17 | hour << 12 | minute << 6 | second, plus 0x8000000000, big-endian, then 3 bytes of microseconds.
    private static byte[] DateTime2Parts(int year, int month, int day, int hour, int minute, int second, int micro)
    {
        var integer = ((((long)year * 13 + month) << 5 | (long)day) << 17 | (long)hour << 12 | (long)minute << 6 | (long)second) + 0x80_0000_0000L;
        return [(byte)(integer >> 32), (byte)(integer >> 24), (byte)(integer >> 16), (byte)(integer >> 8), (byte)integer, (byte)(micro >> 16), (byte)(micro >> 8), (byte)micro];
    }
}
