using System.Net;
using System.Text;
using MySqlConnector;

namespace ContinuousLoad.IntegrationTests.Host;

/// <summary>
/// Hostile input on the MySQL port: garbage before the handshake, a packet cut short, a wrong sequence id, a packet over
/// max_allowed_packet, a client that never reads its result, a thousand connections at once, one connection too many.
/// Each gets an error packet or a closed connection; the server keeps serving, and a connection opened before the
/// attack does not notice it.
/// </summary>
public sealed class MySqlPortHostileTests : IAsyncLifetime
{
    private const int MaxPacketBytes = 1024 * 1024;
    private KestrelHost _host = null!;
    private MySqlConnection _bystander = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private IPEndPoint Port => _host.MySqlEndpoint;

    public async ValueTask InitializeAsync()
    {
        _host = await KestrelHost.StartAsync(new Dictionary<string, string?>
        {
            ["ContinuousLoad:MySqlPort:MaxPacketBytes"] = MaxPacketBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ContinuousLoad:MySqlPort:WriteTimeoutSecond"] = "2",
        });
        _bystander = await OpenAsync(Port);
    }

    public async ValueTask DisposeAsync()
    {
        await _bystander.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Garbage_before_the_handshake_gets_an_error_and_a_closed_connection()
    {
        await using var client = await RawMySqlClient.ConnectAsync(Port, Token);
        await client.SendRawAsync("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"u8.ToArray(), Token);

        Assert.Equal(10, (await client.ReadPacketAsync(Token))[0]); // the greeting (protocol 10), sent before the garbage was read
        // "GET " read as a packet header: its fourth byte, the space, is a sequence id the handshake did not reach.
        Assert.StartsWith("1158: Packet out of order", await client.ReadErrorAsync(Token), StringComparison.Ordinal);
        Assert.True(await client.ClosedWithinAsync(TimeSpan.FromSeconds(10), Token));
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_handshake_response_larger_than_any_client_sends_gets_error_1153()
    {
        await using var client = await RawMySqlClient.ConnectAsync(Port, Token);
        Assert.Equal(10, (await client.ReadPacketAsync(Token))[0]);
        await client.SendRawAsync([0xFF, 0xFF, 0x0F, 1], Token); // a 1 MB response announced

        Assert.StartsWith("1153: ", await client.ReadErrorAsync(Token), StringComparison.Ordinal);
        Assert.True(await client.ClosedWithinAsync(TimeSpan.FromSeconds(10), Token));
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_packet_cut_short_by_a_hang_up_ends_only_its_connection()
    {
        await using (var client = await RawMySqlClient.SignInAsync(Port, "root", Token))
        {
            // A COM_QUERY header announcing 100 bytes, then 10 of them, then the client is gone.
            await client.SendRawAsync([100, 0, 0, 0, 0x03, .. "SELECT 1 "u8], Token);
        }

        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_packet_out_of_order_gets_error_1158_and_a_closed_connection()
    {
        await using var client = await RawMySqlClient.SignInAsync(Port, "root", Token);
        var query = "\u0003SELECT 1"u8.ToArray();
        await client.SendRawAsync([(byte)query.Length, 0, 0, 5, .. query], Token);

        var error = await client.ReadErrorAsync(Token);
        Assert.StartsWith("1158: ", error, StringComparison.Ordinal);
        Assert.Contains("out of order", error, StringComparison.Ordinal);
        Assert.True(await client.ClosedWithinAsync(TimeSpan.FromSeconds(10), Token));
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_packet_over_max_allowed_packet_gets_error_1153_before_it_is_read()
    {
        await using var client = await RawMySqlClient.SignInAsync(Port, "root", Token);
        var length = MaxPacketBytes + 1;
        var sending = client.SendRawAsync([(byte)length, (byte)(length >> 8), (byte)(length >> 16), 0, 0x03, .. new byte[length - 1]], Token);

        Assert.StartsWith("1153: ", await client.ReadErrorAsync(Token), StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await sending; // the port hung up while the rest was still on its way (or it all fit in the socket's buffers)
            await client.QueryAsync("SELECT 1", Token);
            await client.Channel.ReadPayloadAsync(Token);
        });
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_client_that_never_reads_its_result_is_closed_after_the_write_timeout_and_holds_up_no_one()
    {
        await using (var setup = await OpenAsync(Port))
        {
            await ExecuteAsync(setup, "CREATE DATABASE h");
            await ExecuteAsync(setup, "CREATE TABLE h.big (k INT, s STRING) DUPLICATE KEY(k)");
            await ExecuteAsync(setup, "INSERT INTO h.big VALUES (1, repeat('x', 1000))");
            for (var rows = 1; rows < 16_384; rows *= 2)
            {
                await ExecuteAsync(setup, $"INSERT INTO h.big SELECT k + {rows}, s FROM h.big");
            }
        }

        var before = _host.MySqlPort.ConnectionCount;
        await using var stuck = await RawMySqlClient.SignInAsync(Port, "root", Token);
        await stuck.QueryAsync("SELECT * FROM h.big", Token); // 16 MB of rows, never read

        Assert.Equal(16_384L, await ScalarAsync(_bystander, "SELECT count(*) FROM h.big"));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (_host.MySqlPort.ConnectionCount > before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Token);
        }

        Assert.Equal(before, _host.MySqlPort.ConnectionCount);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_thousand_connections_at_once_are_all_served()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(async i =>
        {
            await using var connection = await OpenAsync(Port);
            return await ScalarAsync(connection, $"SELECT {i}");
        }));

        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => (long)i), answers);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_connection_beyond_the_cap_gets_error_1040_and_a_later_one_is_served()
    {
        await using var host = await KestrelHost.StartAsync(new Dictionary<string, string?> { ["ContinuousLoad:MySqlPort:MaxConnections"] = "3" });
        var open = new List<RawMySqlClient>();
        for (var i = 0; i < 3; i++)
        {
            open.Add(await RawMySqlClient.SignInAsync(host.MySqlEndpoint, "root", Token));
        }

        await using (var refused = await RawMySqlClient.ConnectAsync(host.MySqlEndpoint, Token))
        {
            Assert.Equal("1040: Too many connections", await refused.ReadErrorAsync(Token));
        }

        await open[0].DisposeAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (host.MySqlPort.ConnectionCount > 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Token);
        }

        await using (var later = await OpenAsync(host.MySqlEndpoint))
        {
            Assert.Equal(1L, await ScalarAsync(later, "SELECT 1"));
        }

        foreach (var client in open.Skip(1))
        {
            await client.DisposeAsync();
        }
    }

    /// <summary>The connection opened before the test and a new one both still answer.</summary>
    private async Task AssertStillServingAsync()
    {
        Assert.Equal(2L, await ScalarAsync(_bystander, "SELECT 2"));
        await using var fresh = await OpenAsync(Port);
        Assert.Equal(3L, await ScalarAsync(fresh, "SELECT 3"));
    }

    private static async Task<MySqlConnection> OpenAsync(IPEndPoint port)
    {
        var connection = new MySqlConnection(new MySqlConnectionStringBuilder
        {
            Server = port.Address.ToString(),
            Port = (uint)port.Port,
            UserID = "root",
            SslMode = MySqlSslMode.None,
            Pooling = false,
            ConnectionTimeout = 60,
        }.ConnectionString);
        await connection.OpenAsync(Token);
        return connection;
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Token);
    }

    private static async Task<long> ScalarAsync(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Token), System.Globalization.CultureInfo.InvariantCulture);
    }
}
