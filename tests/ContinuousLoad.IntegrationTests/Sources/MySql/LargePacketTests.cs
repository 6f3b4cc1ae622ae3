using System.Globalization;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sources.MySql;

namespace ContinuousLoad.IntegrationTests.Sources.MySql;

/// <summary>
/// Payloads of 16 MB and more, both ways: rows whose payload is split into 0xFFFFFF-byte packets (and one
/// exactly 0xFFFFFF long, which the server ends with an empty packet), and a COM_QUERY longer than a packet.
/// max_allowed_packet is raised for the test and restored after.
/// </summary>
public sealed class LargePacketTests(MariaDbServer mariadb)
{
    private const int MaxPacket = 0xFF_FFFF;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 180_000)]
    public async Task Rows_and_statements_beyond_16_MB_are_split_and_joined()
    {
        await using var database = await TestDatabase.CreateAsync(mariadb, Token);
        var original = (await database.Admin.QueryRowsAsync("SELECT @@global.max_allowed_packet", Token)).Single()[0];
        await database.Admin.ExecuteAsync("SET GLOBAL max_allowed_packet = 134217728", Token);
        try
        {
            await using var session = await mariadb.Admin.OpenAsync(Token, database.Name);
            // Kept out of the binlog: one event over max_allowed_packet makes BINLOG_GTID_POS answer NULL for everyone.
            await session.ExecuteAsync("SET SESSION sql_log_bin = 0", Token);
            await session.ExecuteAsync("CREATE TABLE big (id INT PRIMARY KEY, payload LONGBLOB)", Token);
            // Row payload = 2 bytes for id "1" + 4-byte length prefix + blob: exactly one full packet, then an empty one.
            var exact = MaxPacket - 2 - 4;
            await session.ExecuteAsync($"INSERT INTO big SELECT 1, REPEAT('a', {exact})", Token);
            await session.ExecuteAsync("INSERT INTO big SELECT 2, CONCAT(REPEAT('b', 18000000), 'end')", Token);
            var statementText = new string('c', 17_000_000);
            var inserted = await session.ExecuteAsync($"INSERT INTO big VALUES (3, '{statementText}')", Token);
            Assert.Equal(1UL, inserted.AffectedRows);

            await using var result = await session.QueryAsync("SELECT id, payload FROM big ORDER BY id", Token);
            var lengths = new List<(long Id, int Length, byte First, byte Last)>();
            while (await result.ReadAsync(Token))
            {
                var payload = result.Row.GetBytes(1);
                lengths.Add(((long)result.GetValue(0)!, payload.Length, payload[0], payload[^1]));
            }

            Assert.Equal(
                [(1L, exact, (byte)'a', (byte)'a'), (2L, 18_000_003, (byte)'b', (byte)'d'), (3L, 17_000_000, (byte)'c', (byte)'c')],
                lengths);
            Assert.Equal("ok", (await session.QueryRowsAsync("SELECT 'ok'", Token)).Single()[0]);
        }
        finally
        {
            await database.Admin.ExecuteAsync(
                $"SET GLOBAL max_allowed_packet = {Convert.ToString(original, CultureInfo.InvariantCulture)}", CancellationToken.None);
        }
    }
}
