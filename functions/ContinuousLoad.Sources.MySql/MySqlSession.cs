using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.MySql.Protocol;
using ContinuousLoad.Sources.MySql.Protocol.Payloads;
using ContinuousLoad.Sources.MySql.Text;

namespace ContinuousLoad.Sources.MySql;

/// <summary>
/// One authenticated connection to a MySQL or MariaDB server, speaking the text protocol. Commands run
/// one at a time: a result set must be read to its end or disposed before the next command. Sessions
/// run with <c>time_zone = '+00:00'</c> so TIMESTAMP values read as UTC (<see cref="Values.MySqlValues"/>).
/// The binlog reader drives the same connection through the assembly-internal raw members.
/// </summary>
public sealed partial class MySqlSession : IAsyncDisposable
{
    private readonly PacketChannel _channel;
    private bool _busy;
    private bool _broken;
    private bool _disposed;

    private MySqlSession(PacketChannel channel, InitialHandshakePayload greeting, CapabilityFlags capabilities, MySqlConnectionOptions options, bool encrypted)
    {
        _channel = channel;
        Options = options;
        ServerVersion = greeting.ServerVersion;
        ConnectionId = greeting.ConnectionId;
        Capabilities = capabilities;
        IsEncrypted = encrypted;
        Flavor = greeting.ServerVersion.Contains("MariaDB", StringComparison.OrdinalIgnoreCase) ? MySqlServerFlavor.MariaDb : MySqlServerFlavor.MySql;
        Version = ParseVersion(greeting.ServerVersion);
    }

    public MySqlConnectionOptions Options { get; }

    /// <summary>The version string of the greeting, e.g. "5.5.5-10.11.19-MariaDB-log" or "8.0.36".</summary>
    public string ServerVersion { get; }

    /// <summary>The numeric version, without MariaDB's "5.5.5-" replication prefix (10.11.19).</summary>
    public Version Version { get; }

    public MySqlServerFlavor Flavor { get; }

    public uint ConnectionId { get; }

    /// <summary>The capabilities both sides agreed on.</summary>
    public CapabilityFlags Capabilities { get; }

    public bool IsEncrypted { get; }

    internal bool DeprecateEof => Capabilities.HasFlag(CapabilityFlags.DeprecateEof);

    /// <summary>Connects, negotiates, authenticates and sets the session time zone to UTC.</summary>
    public static Task<MySqlSession> OpenAsync(MySqlConnectionOptions options, CancellationToken cancellationToken) =>
        SessionOpener.OpenAsync(options, cancellationToken, (channel, greeting, capabilities, encrypted) =>
            new MySqlSession(channel, greeting, capabilities, options, encrypted));

    /// <summary>Runs a statement that returns no rows (SET, DDL, DML); a result set, if any, is read and dropped.</summary>
    public async Task<OkPayload> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var result = await QueryAsync(sql, cancellationToken);
        while (await result.ReadAsync(cancellationToken))
        {
        }

        return result.Completion;
    }

    /// <summary>
    /// Sends COM_QUERY and reads the column definitions; rows stream from <see cref="MySqlResultSet.ReadAsync"/>.
    /// A statement without rows answers an empty result set carrying its OK.
    /// </summary>
    public async Task<MySqlResultSet> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        using (var command = new PayloadWriter(sql.Length + 8))
        {
            command.Write((byte)CommandKind.Query).WriteString(sql);
            await SendCommandAsync(command, cancellationToken);
        }

        _busy = true;
        try
        {
            return await MySqlResultSet.ReadHeaderAsync(this, cancellationToken);
        }
        catch (Exception e)
        {
            _busy = false;
            if (e is MySqlProtocolException)
            {
                MarkBroken(); // the rest of the reply is still on the wire
            }

            throw;
        }
    }

    /// <summary>The rows of a small result, every value decoded (<see cref="Values.MySqlValues"/>); for metadata, not bulk data.</summary>
    public async Task<List<object?[]>> QueryRowsAsync(string sql, CancellationToken cancellationToken)
    {
        var rows = new List<object?[]>();
        await using var result = await QueryAsync(sql, cancellationToken);
        while (await result.ReadAsync(cancellationToken))
        {
            var values = new object?[result.Columns.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = result.GetValue(i);
            }

            rows.Add(values);
        }

        return rows;
    }

    /// <summary>Checks the connection is alive (COM_PING).</summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await SendCommandAsync(new[] { (byte)CommandKind.Ping }, cancellationToken);
        var reply = await ReadPacketAsync(cancellationToken);
        ThrowIfError(reply.Span);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_busy && !_broken)
        {
            try
            {
                _channel.ResetSequence();
                using var quit = new PayloadWriter(1);
                await _channel.WritePayloadAsync(quit.Write((byte)CommandKind.Quit), CancellationToken.None);
            }
            catch (MySqlConnectionException)
            {
                // The goodbye is a courtesy: the socket closes next either way.
            }
        }

        await _channel.DisposeAsync();
    }

    internal void EndCommand() => _busy = false;

    internal void MarkBroken() => _broken = true;

    /// <summary>True once the connection was lost or fell out of step; every later command throws.</summary>
    internal bool IsBroken => _broken;

    internal static void ThrowIfError(ReadOnlySpan<byte> payload)
    {
        if (ErrorPayload.IsError(payload))
        {
            throw ErrorPayload.Create(payload).ToException();
        }
    }

    private static Version ParseVersion(string text)
    {
        var start = text.StartsWith("5.5.5-", StringComparison.Ordinal) ? 6 : 0;
        var end = start;
        var dots = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.' && ++dots < 3))
        {
            end++;
        }

        return System.Version.TryParse(text.AsSpan(start, end - start).TrimEnd('.'), out var version) ? version : new Version(0, 0);
    }
}
