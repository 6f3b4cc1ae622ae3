using System.Globalization;
using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.MySql.Metadata;
using ContinuousLoad.Sources.MySql.Protocol.Payloads;
using ContinuousLoad.Sources.MySql.Text;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// Opening the stream (MySQL Client/Server Protocol, "Replication Protocol"; MariaDB KB "COM_BINLOG_DUMP"):
/// session variables that make the server send checksums, MariaDB's GTID and annotate events, and
/// heartbeats; COM_REGISTER_SLAVE; then COM_BINLOG_DUMP (file + position, or MariaDB's
/// <c>@slave_connect_state</c> with an empty file name) or MySQL's COM_BINLOG_DUMP_GTID.
/// </summary>
public sealed partial class BinlogClient
{
    // MariaDB's MARIA_SLAVE_CAPABILITY_GTID: send GTID, GTID_LIST, ANNOTATE_ROWS and BINLOG_CHECKPOINT events as they are.
    private const int MariaDbGtidCapability = 4;
    private const int FatalReadingBinlogError = 1236;
    private const int AccessDeniedError = 1045;
    private const int ServerShutdownError = 1053;
    private const int ConnectionKilledError = 1927;

    private const string StreamAction = "stream the binary log (REPLICATION SLAVE)";

    private Task<MySqlSession> OpenSessionAsync(CancellationToken cancellationToken) => MySqlSession.OpenAsync(options.Connection, cancellationToken);

    // SHOW BINARY LOGS needs REPLICATION CLIENT (MariaDB 10.5+: BINLOG MONITOR); asking first gives the clear error before the dump.
    private async Task CheckBinlogAccessAsync(MySqlSession metadata, CancellationToken cancellationToken)
    {
        try
        {
            await metadata.ExecuteAsync("SHOW BINARY LOGS", cancellationToken);
        }
        catch (MySqlServerException e) when (Privileges.IsDenied(e))
        {
            throw Privileges.Explain(e, "read the binary log list (REPLICATION CLIENT)", options.Connection.User);
        }
    }

    private async Task StartDumpAsync(MySqlSession replication, ServerFacts facts, BinlogStart start, CancellationToken cancellationToken)
    {
        var mariaDb = facts.Flavor == MySqlServerFlavor.MariaDb;
        await replication.ExecuteAsync("SET @master_binlog_checksum = @@global.binlog_checksum", cancellationToken);
        var heartbeatNanoseconds = (long)options.HeartbeatPeriod.TotalMilliseconds * 1_000_000L;
        await replication.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"SET @master_heartbeat_period = {heartbeatNanoseconds}"), cancellationToken);
        if (mariaDb)
        {
            await replication.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"SET @mariadb_slave_capability = {MariaDbGtidCapability}"), cancellationToken);
        }

        byte[] dump;
        if (start.GtidState is { } gtids)
        {
            if (mariaDb)
            {
                await replication.ExecuteAsync("SET @slave_connect_state = " + SqlText.StringLiteral(gtids), cancellationToken);
                await replication.ExecuteAsync("SET @slave_gtid_strict_mode = 0", cancellationToken);
                await replication.ExecuteAsync("SET @slave_gtid_ignore_duplicates = 0", cancellationToken);
                dump = BinlogDumpCommand.Create("", 4, options.ServerId, options.NonBlocking);
            }
            else
            {
                dump = BinlogDumpGtidCommand.Create(gtids, options.ServerId, options.NonBlocking);
            }
        }
        else
        {
            var position = start.Position!;
            dump = BinlogDumpCommand.Create(position.FileName, position.Position, options.ServerId, options.NonBlocking);
        }

        await replication.SendCommandAsync(RegisterReplicaCommand.Create(options.ServerId), cancellationToken);
        var registered = await replication.ReadPacketAsync(cancellationToken);
        if (ErrorPayload.IsError(registered.Span))
        {
            // MariaDB answers COM_REGISTER_SLAVE from an account without REPLICATION SLAVE with 1045 "Access denied".
            var error = ErrorPayload.Create(registered.Span).ToException();
            throw error.ErrorCode == AccessDeniedError ? Privileges.Explain(error, StreamAction, options.Connection.User) : Explain(error, start);
        }

        // A healthy stream is never silent for longer than the heartbeat period.
        replication.ReadTimeout = options.HeartbeatPeriod * 3 + TimeSpan.FromSeconds(5);
        await replication.SendCommandAsync(dump, cancellationToken);
    }

    /// <summary>The next event, or null when the server ends a non-blocking dump (EOF).</summary>
    private async ValueTask<BinlogEvent?> ReadEventAsync(MySqlSession replication, BinlogEventParser parser, BinlogStart start, CancellationToken cancellationToken)
    {
        var packet = await replication.ReadPacketAsync(cancellationToken);
        var span = packet.Span;
        if (span.IsEmpty)
        {
            throw new MySqlProtocolException("Expected a binlog event packet (0x00), an EOF (0xFE) or an error (0xFF), got an empty payload.");
        }

        switch (span[0])
        {
            case 0x00:
                return parser.Parse(span[1..]);
            case 0xFE when span.Length < 9:
                // A blocking dump only ends when the server goes away (shutdown); that is a lost connection.
                return options.NonBlocking ? null
                    : throw new MySqlConnectionException("The server ended the binlog stream (EOF) without being asked to; it is probably shutting down.");
            case 0xFF:
                var error = ErrorPayload.Create(span).ToException();
                throw error.ErrorCode is ServerShutdownError or ConnectionKilledError
                    ? new MySqlConnectionException($"The server closed the binlog stream: {error.Message}", error)
                    : Explain(error, start);
            default:
                throw new MySqlProtocolException($"Expected a binlog event packet (0x00), an EOF (0xFE) or an error (0xFF), got 0x{span[0]:X2} ({span.Length} bytes).");
        }
    }

    private Exception Explain(MySqlServerException error, BinlogStart start)
    {
        // 1236 covers every fatal read on the server's side; these are the "not there any more" ones.
        if (error.ErrorCode == FatalReadingBinlogError && (error.ServerMessage.Contains("purged", StringComparison.OrdinalIgnoreCase)
            || error.ServerMessage.Contains("Could not find", StringComparison.OrdinalIgnoreCase)
            || error.ServerMessage.Contains("not in the master's binlog", StringComparison.OrdinalIgnoreCase)
            || error.ServerMessage.Contains("position > file size", StringComparison.OrdinalIgnoreCase)))
        {
            return new BinlogPositionPurgedException(start, error);
        }

        return Privileges.IsDenied(error) ? Privileges.Explain(error, StreamAction, options.Connection.User) : error;
    }
}
