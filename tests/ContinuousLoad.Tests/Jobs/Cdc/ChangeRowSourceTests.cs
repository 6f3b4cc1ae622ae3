using System.Text;
using ContinuousLoad.Jobs.Sources.Cdc;
using ContinuousLoad.Sources.Changes;

namespace ContinuousLoad.Tests.Jobs.Cdc;

public sealed class ChangeRowSourceTests
{
    private static readonly TestChanges.Table Orders = new("shop", "orders", ["id", "customer", "amount"]);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_row_change_is_a_row_with_the_wanted_fields_and_its_delete_sign_and_a_key_change_is_two()
    {
        var rows = await ReadAsync(["amount", "__DORIS_DELETE_SIGN__", "id", "not_in_source"],
            new TransactionBegin<int>(1, TestChanges.At),
            new RowInserted<int>(2, TestChanges.At, Orders.Row(1L, "ann", 10.5m)),
            new RowUpdated<int>(3, TestChanges.At, Orders.Row(1L, "ann", 10.5m), Orders.Row(1L, "ann", 12m)),
            new RowDeleted<int>(4, TestChanges.At, Orders.Row(1L, "ann", 12m)),
            new RowUpdated<int>(5, TestChanges.At, Orders.Row(2L, "bo", 1m), Orders.Row(20L, "bo", 1m)),
            new TransactionCommit<int>(6, TestChanges.At));

        // The key change is a delete of the old key, then the new row.
        Assert.Equal(["10.5|0|1|NULL", "12|0|1|NULL", "12|1|1|NULL", "1|1|2|NULL", "1|0|20|NULL"], rows);
    }

    [Fact]
    public async Task A_column_an_update_did_not_send_is_absent_unless_the_old_image_has_it_and_a_delete_needs_only_its_key()
    {
        await using var source = new ChangeRowSource<int>(TestChanges.Stream(
            new RowUpdated<int>(1, TestChanges.At, null, Orders.Row(1L, TestChanges.Absent, 3m)),
            new RowUpdated<int>(2, TestChanges.At, Orders.Row(3L, "old", 1m), Orders.Row(3L, TestChanges.Absent, 4m)),
            new RowDeleted<int>(3, TestChanges.At, Orders.Row(2L, TestChanges.Absent, TestChanges.Absent))), ["id", "customer", "__DORIS_DELETE_SIGN__"], ["id"], TimeZoneInfo.Utc);

        Assert.True(await source.ReadAsync(Token));
        Assert.Null(source.RowError);
        Assert.Equal((false, true, true), (source.IsAbsent(0), source.IsAbsent(1), source.IsNull(1)));
        Assert.Equal("UPDATE shop.orders {id: 1, customer: (not sent), __DORIS_DELETE_SIGN__: 0}", Encoding.UTF8.GetString(source.RawRow));
        Assert.True(await source.ReadAsync(Token));
        Assert.Equal((false, "old"), (source.IsAbsent(1), Encoding.UTF8.GetString(source.Field(1))));
        Assert.True(await source.ReadAsync(Token));
        Assert.Equal((false, true, "1"), (source.IsAbsent(1), source.IsNull(1), Encoding.UTF8.GetString(source.Field(2))));
        Assert.Equal((3L, 3), (source.RowNumber, ((RowDeleted<int>)source.Change!).Position));
        Assert.False(await source.ReadAsync(Token));
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void Values_are_written_as_the_load_engine_reads_them(object value, string text)
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        ChangeValueText.Write(value, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), output);
        Assert.Equal(text, Encoding.UTF8.GetString(output.WrittenSpan));
    }

    public static TheoryData<object, string> Values() => new()
    {
        { "héllo", "héllo" },
        { 42L, "42" },
        { ulong.MaxValue, "18446744073709551615" },
        { -0.50m, "-0.50" },
        { 1.5f, "1.5" },
        { 0.1, "0.1" },
        { double.NaN, "NaN" },
        { float.NegativeInfinity, "-Infinity" },
        { true, "1" },
        { new DateOnly(2024, 2, 29), "2024-02-29" },
        { new DateTime(2024, 2, 29, 13, 5, 0, DateTimeKind.Unspecified).AddTicks(1234560), "2024-02-29 13:05:00.123456" },
        { new DateTime(2024, 2, 29, 16, 0, 0, DateTimeKind.Utc), "2024-03-01 00:00:00.000000" },
        { new DateTimeOffset(2024, 2, 29, 16, 0, 0, TimeSpan.FromHours(-1)), "2024-03-01 01:00:00.000000" },
        { TimeSpan.FromHours(-838) - TimeSpan.FromSeconds(3599), "-838:59:59" },
        { new TimeSpan(0, 1, 2, 3, 250), "01:02:03.250000" },
        { new ContinuousLoad.Sources.Postgres.Values.TimeWithOffset(new TimeSpan(13, 5, 0), -new TimeSpan(3, 30, 0)), "13:05:00-03:30" },
        { new byte[] { 0, 255, 16 }, "AP8Q" },
        { new object?[] { 1, null, new object?[] { "a\"b", "ü", 2.5m } }, "[1,null,[\"a\\\"b\",\"ü\",2.5]]" },
        { Guid.Parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11" },
        { "0000-00-00", "0000-00-00" },
    };

    private static async Task<List<string>> ReadAsync(string[] wanted, params SourceChange<int>[] changes)
    {
        await using var source = new ChangeRowSource<int>(TestChanges.Stream(changes), wanted, ["id"], TimeZoneInfo.Utc);
        var rows = new List<string>();
        while (await source.ReadAsync(Token))
        {
            Assert.Null(source.RowError);
            rows.Add(string.Join('|', Enumerable.Range(0, source.FieldCount).Select(i => source.IsNull(i) ? "NULL" : Encoding.UTF8.GetString(source.Field(i)))));
        }

        return rows;
    }
}
