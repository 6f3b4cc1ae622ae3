using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Sources.MySql.Protocol;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Tests.Sources.MySql;

/// <summary>Text result sets from scripted servers: with and without CLIENT_DEPRECATE_EOF, errors mid-rows, broken packets, silence.</summary>
public sealed class ResultSetTests
{
    private const CapabilityFlags ClassicEof = ServerPackets.MySql8Capabilities & ~CapabilityFlags.DeprecateEof;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory(Timeout = 30_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Rows_stream_between_column_definitions_and_the_end_marker(bool deprecateEof)
    {
        await using var server = new FakeMySqlServer(async connection =>
        {
            await LoginAsync(connection, deprecateEof ? ServerPackets.MySql8Capabilities : ClassicEof);
            await connection.ReadPacketAsync();
            byte sequence = 1;
            await connection.WritePacketAsync(sequence++, 2);
            await connection.WritePacketAsync(sequence++, ServerPackets.Column("id", (byte)MySqlColumnType.LongLong, 63, (ushort)ColumnFlags.Unsigned, 20));
            await connection.WritePacketAsync(sequence++, ServerPackets.Column("name", (byte)MySqlColumnType.VarString, 45, 0, 200));
            if (!deprecateEof)
            {
                await connection.WritePacketAsync(sequence++, 0xFE, 0, 0, 2, 0);
            }

            await connection.WritePacketAsync(sequence++, ServerPackets.Row("18446744073709551615", "zoë"));
            await connection.WritePacketAsync(sequence++, ServerPackets.Row("2", null));
            await connection.WritePacketAsync(sequence++, deprecateEof ? [0xFE, 0, 0, 2, 0, 0, 0] : [0xFE, 0, 0, 2, 0]);
            await connection.ReadPacketAsync();
            await connection.WritePacketAsync(1, ServerPackets.Ok());
        });
        await using var session = await MySqlSession.OpenAsync(FakeServerSessionTests.Options(server), Token);

        var rows = await session.QueryRowsAsync("SELECT id, name FROM t", Token);
        await session.PingAsync(Token);

        Assert.Equal([[ulong.MaxValue, "zoë"], [2UL, null]], rows);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_error_in_the_middle_of_rows_is_thrown_and_the_session_goes_on()
    {
        await using var server = new FakeMySqlServer(async connection =>
        {
            await LoginAsync(connection, ServerPackets.MySql8Capabilities);
            await connection.ReadPacketAsync();
            await connection.WritePacketAsync(1, 1);
            await connection.WritePacketAsync(2, ServerPackets.Column("x", (byte)MySqlColumnType.Long));
            await connection.WritePacketAsync(3, ServerPackets.Row("1"));
            await connection.WritePacketAsync(4, ServerPackets.Error(1317, "70100", "Query execution was interrupted"));
            await connection.ReadPacketAsync();
            await connection.WritePacketAsync(1, ServerPackets.Ok());
        });
        await using var session = await MySqlSession.OpenAsync(FakeServerSessionTests.Options(server), Token);

        var error = await Assert.ThrowsAsync<MySqlServerException>(() => session.QueryRowsAsync("SELECT x FROM t", Token));
        await session.PingAsync(Token);

        Assert.Equal((1317, "70100"), (error.ErrorCode, error.SqlState));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_row_with_a_wrong_sequence_id_breaks_the_session_with_a_clear_error()
    {
        await using var server = new FakeMySqlServer(async connection =>
        {
            await LoginAsync(connection, ServerPackets.MySql8Capabilities);
            await connection.ReadPacketAsync();
            await connection.WritePacketAsync(1, 1);
            await connection.WritePacketAsync(2, ServerPackets.Column("x", (byte)MySqlColumnType.Long));
            await connection.WritePacketAsync(9, ServerPackets.Row("1"));
        });
        await using var session = await MySqlSession.OpenAsync(FakeServerSessionTests.Options(server), Token);

        var error = await Assert.ThrowsAsync<MySqlProtocolException>(() => session.QueryRowsAsync("SELECT x FROM t", Token));
        var next = await Assert.ThrowsAsync<MySqlConnectionException>(() => session.PingAsync(Token));

        Assert.Contains("expected sequence id 3, got 9", error.Message, StringComparison.Ordinal);
        Assert.Contains("open a new one", next.Message, StringComparison.Ordinal);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(new byte[] { 5, (byte)'a' })]
    [InlineData(new byte[] { 1, (byte)'a', 1, (byte)'b' })]
    [InlineData(new byte[] { 0xFC, 0xFF })]
    public async Task A_malformed_row_is_a_protocol_error(byte[] row)
    {
        await using var server = new FakeMySqlServer(async connection =>
        {
            await LoginAsync(connection, ServerPackets.MySql8Capabilities);
            await connection.ReadPacketAsync();
            await connection.WritePacketAsync(1, 1);
            await connection.WritePacketAsync(2, ServerPackets.Column("x", (byte)MySqlColumnType.VarString));
            await connection.WritePacketAsync(3, row);
        });
        await using var session = await MySqlSession.OpenAsync(FakeServerSessionTests.Options(server), Token);

        var error = await Assert.ThrowsAsync<MySqlProtocolException>(() => session.QueryRowsAsync("SELECT x FROM t", Token));

        Assert.Contains("row", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_server_that_stops_answering_ends_in_a_read_timeout_not_a_hang()
    {
        await using var server = new FakeMySqlServer(async connection =>
        {
            await LoginAsync(connection, ServerPackets.MySql8Capabilities);
            await connection.ReadPacketAsync();
            await connection.WritePacketAsync(1, 1);
            await connection.StaySilentUntilHangUpAsync();
        });
        var options = FakeServerSessionTests.Options(server) with { ReadTimeout = TimeSpan.FromMilliseconds(300) };
        await using var session = await MySqlSession.OpenAsync(options, Token);

        var error = await Assert.ThrowsAsync<MySqlConnectionException>(() => session.QueryRowsAsync("SELECT x FROM t", Token));

        Assert.Contains("read timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_server_that_hangs_up_mid_result_is_a_lost_connection()
    {
        await using var server = new FakeMySqlServer(async connection =>
        {
            await LoginAsync(connection, ServerPackets.MySql8Capabilities);
            await connection.ReadPacketAsync();
            await connection.WritePacketAsync(1, 1);
            await connection.WriteRawAsync([40, 0, 0, 2, 3, (byte)'d']);
        });
        await using var session = await MySqlSession.OpenAsync(FakeServerSessionTests.Options(server), Token);

        var error = await Assert.ThrowsAsync<MySqlConnectionException>(() => session.QueryRowsAsync("SELECT x FROM t", Token));

        Assert.Contains("closed the connection", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_second_command_while_rows_are_unread_is_refused_plainly()
    {
        await using var server = new FakeMySqlServer(async connection =>
        {
            await LoginAsync(connection, ServerPackets.MySql8Capabilities);
            await connection.ReadPacketAsync();
            await connection.WritePacketAsync(1, 1);
            await connection.WritePacketAsync(2, ServerPackets.Column("x", (byte)MySqlColumnType.Long));
            await connection.WritePacketAsync(3, ServerPackets.Row("1"));
            await connection.WritePacketAsync(4, [0xFE, 0, 0, 2, 0, 0, 0]);
            await connection.ReadPacketAsync();
            await connection.WritePacketAsync(1, ServerPackets.Ok());
        });
        await using var session = await MySqlSession.OpenAsync(FakeServerSessionTests.Options(server), Token);

        await using (var result = await session.QueryAsync("SELECT x FROM t", Token))
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => session.PingAsync(Token));
            Assert.Contains("result set is still open", error.Message, StringComparison.Ordinal);
        }

        await session.PingAsync(Token);
    }

    private static async Task LoginAsync(FakeMySqlConnection connection, CapabilityFlags capabilities)
    {
        await connection.WritePacketAsync(0, ServerPackets.Greeting("mysql_native_password", capabilities));
        await connection.ReadPacketAsync();
        await connection.WritePacketAsync(2, ServerPackets.Ok());
        await FakeServerSessionTests.AcceptSetupAsync(connection);
    }
}
