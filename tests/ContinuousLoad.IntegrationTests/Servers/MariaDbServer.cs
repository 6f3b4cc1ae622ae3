using System.Net.Sockets;
using System.Text;

namespace ContinuousLoad.IntegrationTests.Servers;

/// <summary>
/// The MariaDB started by tests/servers/mariadb.sh (CLTEST_MARIADB, CLTEST_MARIADB_REPLICATION).
/// Reachability is probed by reading the server's greeting (protocol 10 handshake); queries in the
/// smoke tests go through the mariadb command-line client.
/// </summary>
public sealed class MariaDbServer : RealServer
{
    public const string Variable = "CLTEST_MARIADB";
    public const string ReplicationVariable = "CLTEST_MARIADB_REPLICATION";
    private MariaDbAccount? _admin;
    private MariaDbAccount? _replication;
    private string? _serverVersion;

    public MariaDbAccount Admin => Available(_admin);

    public MariaDbAccount Replication => Available(_replication);

    /// <summary>The version string of the handshake greeting, e.g. <c>5.5.5-10.11.19-MariaDB-0+deb12u1-log</c>.</summary>
    public string ServerVersion => Available(_serverVersion);

    public override async ValueTask InitializeAsync()
    {
        var admin = ConnectionSettings.FromEnvironment(Variable, out var reason);
        var replication = ConnectionSettings.FromEnvironment(ReplicationVariable, out var replicationReason);
        UnavailableReason = reason ?? replicationReason;
        if (admin is null || replication is null)
        {
            return;
        }

        _admin = MariaDbAccount.From(admin);
        _replication = MariaDbAccount.From(replication);
        try
        {
            _serverVersion = await ReadGreetingVersionAsync(_admin.Host, _admin.Port);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or InvalidDataException)
        {
            UnavailableReason = $"MariaDB at {_admin.Host}:{_admin.Port} is unreachable: {e.Message}";
        }
    }

    // The server speaks first: a packet header (3-byte length, sequence id) and then protocol version 10
    // followed by the NUL-terminated server version (MySQL Client/Server Protocol, Initial Handshake).
    private static async Task<string> ReadGreetingVersionAsync(string host, int port)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, timeout.Token);
        var stream = client.GetStream();
        var header = new byte[4];
        await stream.ReadExactlyAsync(header, timeout.Token);
        var payload = new byte[header[0] | header[1] << 8 | header[2] << 16];
        await stream.ReadExactlyAsync(payload, timeout.Token);
        if (payload.Length < 2 || payload[0] != 10)
        {
            throw new InvalidDataException($"expected a protocol 10 greeting, got first byte 0x{(payload.Length > 0 ? payload[0] : 0):x2}");
        }

        var end = Array.IndexOf(payload, (byte)0, 1);
        return Encoding.ASCII.GetString(payload, 1, (end < 0 ? payload.Length : end) - 1);
    }
}
