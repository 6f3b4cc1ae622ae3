using ContinuousLoad.IntegrationTests.Servers;

namespace ContinuousLoad.IntegrationTests.Tables;

/// <summary>Every type stores and reads back exactly, on both stores.</summary>
public sealed class TypeConformanceTests(PostgresServer postgres)
{
    private const string Table = """
        CREATE TABLE types (
            k INT NOT NULL,
            b BOOLEAN, ti TINYINT, si SMALLINT, i INT, bi BIGINT, li LARGEINT,
            f FLOAT, d DOUBLE, dec DECIMAL(38, 10), small DECIMAL(5, 2),
            dt DATE, ts DATETIME(6), ts0 DATETIME,
            c CHAR(4), vc VARCHAR(6), s STRING, j JSON, ai ARRAY<INT>, ast ARRAY<STRING>
        ) DUPLICATE KEY(k)
        """;

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Stores_every_type_exactly_including_extremes(string kind)
    {
        await using var store = await TestStore.CreateAsync(kind, postgres);
        await store.Sql(Table, """
            INSERT INTO types VALUES
            (1, true, -128, -32768, -2147483648, -9223372036854775808, -170141183460469231731687303715884105728,
             0.1, 2.2250738585072014E-308, '-9999999999999999999999999999.9999999999', -999.99,
             '0001-01-01', '2024-02-29 23:59:59.999999', '2024-01-01 00:00:00',
             'abcd', 'héllo', '☃ snow', '{"b": [1, 2.50], "a": "é"}', '[1, NULL, 3]', '["x", "y,z"]'),
            (2, false, 127, 32767, 2147483647, 9223372036854775807, 170141183460469231731687303715884105727,
             -3.4e38, 1.7976931348623157E308, '9999999999999999999999999999.9999999999', 999.99,
             '9999-12-31', '1970-01-01 00:00:00.000001', '1999-12-31 23:59:59',
             '', '', '', 'null', '[]', '[]'),
            (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
            """);

        var result = await store.Result("SELECT * FROM types ORDER BY k");

        Assert.Equal(["int", "boolean", "tinyint", "smallint", "int", "bigint", "largeint", "float", "double", "decimal(38,10)", "decimal(5,2)",
            "date", "datetime(6)", "datetime", "char(4)", "varchar(6)", "text", "json", "array<int>", "array<text>"], result.Types);
        Assert.Equal(["1", "1", "-128", "-32768", "-2147483648", "-9223372036854775808", "-170141183460469231731687303715884105728",
            "0.1", "2.2250738585072014e-308", "-9999999999999999999999999999.9999999999", "-999.99",
            "0001-01-01", "2024-02-29 23:59:59.999999", "2024-01-01 00:00:00",
            "abcd", "héllo", "☃ snow", "{\"b\":[1,2.50],\"a\":\"é\"}", "[1, null, 3]", "[\"x\", \"y,z\"]"], result.Rows[0]);
        Assert.Equal(["2", "0", "127", "32767", "2147483647", "9223372036854775807", "170141183460469231731687303715884105727",
            "-3.4e+38", "1.7976931348623157e+308", "9999999999999999999999999999.9999999999", "999.99",
            "9999-12-31", "1970-01-01 00:00:00.000001", "1999-12-31 23:59:59", "", "", "", "null", "[]", "[]"], result.Rows[1]);
        Assert.Equal(["3", .. Enumerable.Repeat("NULL", 19)], result.Rows[2]);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Computes_exactly_on_38_digit_decimals(string kind)
    {
        await using var store = await TestStore.CreateAsync(kind, postgres);
        await store.Sql("CREATE TABLE m (k INT, v DECIMAL(38, 10)) DUPLICATE KEY(k)",
            "INSERT INTO m VALUES (1, '1234567890123456789012345678.0000000001'), (1, '0.0000000002'), (2, '-0.5000000000'), (2, NULL)");

        Assert.Equal([["1", "1234567890123456789012345678.0000000003", "1234567890123456789012345678.0000000001"], ["2", "-0.5000000000", "-0.5000000000"]],
            await store.Rows("SELECT k, sum(v), max(v) FROM m GROUP BY k ORDER BY k"));
        Assert.Equal([["1234567890123456789012345678.0000000001"]], await store.Rows("SELECT v FROM m WHERE v > 1 ORDER BY v DESC"));
        Assert.Equal([["-0.5000000000"], ["0.0000000002"]], await store.Rows("SELECT v FROM m WHERE v < 1 ORDER BY v"));
        Assert.Equal([["617283945061728394506172839.0000000002"]], await store.Rows("SELECT avg(v) FROM m WHERE k = 1"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Refuses_values_that_do_not_fit(string kind)
    {
        await using var store = await TestStore.CreateAsync(kind, postgres);
        await store.Sql(Table);

        foreach (var (column, value, reason) in new[]
                 {
                     ("ti", "128", "out of range"),
                     ("small", "'1000.00'", "out of range"),
                     ("vc", "'héllo!'", "longer than schema length 6"),
                     ("c", "'abcde'", "longer than schema length 4"),
                     ("i", "'12x'", "value is incorrect while strict mode is true"),
                     ("dt", "'2024-02-30'", "value is incorrect while strict mode is true"),
                     ("j", "'{broken'", "value is incorrect while strict mode is true"),
                     ("k", "NULL", "null value for not null column"),
                 })
        {
            var error = await store.Fails($"INSERT INTO types (k, {column}) VALUES (9, {value})".Replace("(9, NULL)", "(NULL, 9)", StringComparison.Ordinal)
                .Replace("(k, k)", "(k, i)", StringComparison.Ordinal));
            Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        }

        Assert.Empty(await store.Rows("SELECT * FROM types"));
    }
}
