using System.Text;
using ContinuousLoad.IntegrationTests.Servers;

namespace ContinuousLoad.IntegrationTests.Sources.MySql;

/// <summary>Every column type through the text protocol into the representation of MySqlValues: extremes, NULLs, zero dates, multibyte and latin1 text.</summary>
public sealed class ColumnTypeTests(MariaDbServer mariadb)
{
    private const string Columns =
        "id INT PRIMARY KEY, ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED, mi MEDIUMINT, miu MEDIUMINT UNSIGNED, " +
        "i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED, d DECIMAL(10,2), dbig DECIMAL(65,30), f FLOAT, dbl DOUBLE, " +
        "dt DATE, dtm DATETIME, dtm6 DATETIME(6), ts TIMESTAMP(3) NULL, tm TIME, tm6 TIME(6), y YEAR, " +
        "c CHAR(5), vc VARCHAR(50), tx TEXT, l1 VARCHAR(20) CHARACTER SET latin1, bin BINARY(4), vb VARBINARY(10), bl BLOB, " +
        "b1 BIT(1), b64 BIT(64), e ENUM('a','b','c'), s SET('x','y','z'), j JSON";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task Every_type_decodes_to_its_documented_representation()
    {
        await using var database = await TestDatabase.CreateAsync(mariadb, Token);
        var session = database.Admin;
        await session.ExecuteAsync("SET SESSION sql_mode = ''", Token);
        await session.ExecuteAsync($"CREATE TABLE types ({Columns})", Token);
        await session.ExecuteAsync(
            "INSERT INTO types VALUES (1, -128, 0, -32768, 0, -8388608, 0, -2147483648, 0, -9223372036854775808, 0, -99999999.99, " +
            "-99999999999999999999999999999999999.999999999999999999999999999999, 1.5, -1.7976931348623157e308, '1000-01-01', '1000-01-01 00:00:00', " +
            "'1000-01-01 00:00:00.000001', '1970-01-01 00:00:01.000', '-838:59:59', '-838:59:58.999999', 1901, 'a', '', '日本語 🎉', 'café', " +
            "X'00010200', X'', X'00FF', b'0', b'0', 'a', '', '{\"a\": [1, 2]}')", Token);
        await session.ExecuteAsync(
            "INSERT INTO types VALUES (2, 127, 255, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295, 9223372036854775807, 18446744073709551615, " +
            "99999999.99, 99999999999999999999999999999999999.999999999999999999999999999999, -0.25, 2.2250738585072014e-308, '9999-12-31', " +
            "'9999-12-31 23:59:59', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.999', '838:59:59', '838:59:58.999999', 2155, 'zzzzz', " +
            "REPEAT('x', 50), 'line1\nline2\t\\\\', 'ÿ', X'FFFFFFFF', X'FFFFFFFFFFFFFFFFFFFF', X'DEADBEEF', b'1', b'1111111111111111111111111111111111111111111111111111111111111111', " +
            "'c', 'x,z', 'null')", Token);
        await session.ExecuteAsync("INSERT INTO types (id) VALUES (3)", Token);
        await session.ExecuteAsync(
            "INSERT INTO types (id, dt, dtm, dtm6, ts, tm, y, bin) VALUES (4, '0000-00-00', '0000-00-00 00:00:00', '0000-00-00 00:00:00', '0000-00-00 00:00:00', '00:00:00', 0, 'ab')", Token);

        var rows = await session.QueryRowsAsync("SELECT * FROM types ORDER BY id", Token);

        object?[] minimum =
        [
            1L, -128L, 0L, -32768L, 0L, -8388608L, 0L, -2147483648L, 0L, long.MinValue, 0UL, -99999999.99m,
            "-99999999999999999999999999999999999.999999999999999999999999999999", 1.5f, -1.7976931348623157e308,
            new DateOnly(1000, 1, 1), new DateTime(1000, 1, 1), new DateTime(1000, 1, 1).AddTicks(10),
            new DateTime(1970, 1, 1, 0, 0, 1, DateTimeKind.Utc), -new TimeSpan(838, 59, 59), -(new TimeSpan(838, 59, 58) + TimeSpan.FromTicks(9_999_990)),
            1901, "a", "", "日本語 🎉", "café", new byte[] { 0, 1, 2, 0 }, Array.Empty<byte>(), new byte[] { 0, 0xFF }, 0UL, 0UL, "a", "", "{\"a\": [1, 2]}",
        ];
        object?[] maximum =
        [
            2L, 127L, 255L, 32767L, 65535L, 8388607L, 16777215L, 2147483647L, 4294967295L, long.MaxValue, ulong.MaxValue, 99999999.99m,
            "99999999999999999999999999999999999.999999999999999999999999999999", -0.25f, 2.2250738585072014e-308,
            new DateOnly(9999, 12, 31), new DateTime(9999, 12, 31, 23, 59, 59), new DateTime(9999, 12, 31, 23, 59, 59).AddTicks(9_999_990),
            new DateTime(2038, 1, 19, 3, 14, 7, 999, DateTimeKind.Utc), new TimeSpan(838, 59, 59), new TimeSpan(838, 59, 58) + TimeSpan.FromTicks(9_999_990),
            2155, "zzzzz", new string('x', 50), "line1\nline2\t\\", "ÿ", new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, Enumerable.Repeat((byte)0xFF, 10).ToArray(),
            new byte[] { 0xDE, 0xAD, 0xBE, 0xEF }, 1UL, ulong.MaxValue, "c", "x,z", "null",
        ];
        Assert.Equal(minimum, rows[0]);
        Assert.Equal(maximum, rows[1]);
        Assert.Equal(3L, rows[2][0]);
        Assert.All(rows[2].Skip(1), Assert.Null);
        Assert.Equal(
            ["0000-00-00", "0000-00-00 00:00:00", "0000-00-00 00:00:00.000000", "0000-00-00 00:00:00.000", TimeSpan.Zero, 0, new byte[] { (byte)'a', (byte)'b', 0, 0 }],
            new[] { rows[3][15], rows[3][16], rows[3][17], rows[3][18], rows[3][19], rows[3][21], rows[3][26] });
        Assert.Equal(2, ((decimal)rows[0][11]!).Scale);
        Assert.Equal(DateTimeKind.Utc, ((DateTime)rows[1][18]!).Kind);
        Assert.Equal(DateTimeKind.Unspecified, ((DateTime)rows[1][16]!).Kind);
    }

    [Fact(Timeout = 60_000)]
    public async Task Latin1_text_arrives_converted_and_decodes_to_the_same_string()
    {
        await using var database = await TestDatabase.CreateAsync(mariadb, Token);
        await database.Admin.ExecuteAsync("CREATE TABLE l (id INT PRIMARY KEY, t VARCHAR(20) CHARACTER SET latin1, u VARCHAR(20) CHARACTER SET utf8mb4)", Token);
        await database.Admin.ExecuteAsync("INSERT INTO l VALUES (1, 'Grüße €', 'Grüße €')", Token);

        var converted = await database.Admin.QueryRowsAsync("SELECT t, u FROM l", Token);
        await database.Admin.ExecuteAsync("SET character_set_results = NULL", Token);
        await using var raw = await database.Admin.QueryAsync("SELECT t, u FROM l", Token);
        Assert.True(await raw.ReadAsync(Token));
        var rawLatin1 = raw.Row.GetBytes(0).ToArray();
        var rawValues = (raw.GetValue(0), raw.GetValue(1), raw.Columns[0].CollationId);
        Assert.False(await raw.ReadAsync(Token));

        Assert.Equal(["Grüße €", "Grüße €"], converted.Single());
        Assert.Equal(Encoding.Latin1.GetBytes("Gr\u00fc\u00dfe ").Concat(new byte[] { 0x80 }), rawLatin1);
        Assert.Equal(("Grüße €", "Grüße €", 8), rawValues);
    }
}
