using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ContinuousLoad.MySql.Wire;
using ContinuousLoad.SqlFrontend.Statements;
using Microsoft.Extensions.Logging;

namespace ContinuousLoad.SqlFrontend.MySqlPort;

/// <summary>
/// The MySQL protocol port (Doris's <c>query_port</c>): accepts connections, serves each on its own task, and refuses
/// those beyond <see cref="MySqlPortOptions.MaxConnections"/> with error 1040 before any greeting, as MySQL does.
/// Stopping closes every connection.
/// </summary>
public sealed class MySqlPortServer : IAsyncDisposable
{
    private readonly MySqlPortOptions _options;
    private readonly IMySqlAccounts _accounts;
    private readonly StatementRunner _statements;
    private readonly TimeZoneInfo _timeZone;
    private readonly ILogger _logger;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<uint, (Socket Socket, Task Serving)> _connections = new();
    private Task _accepting = Task.CompletedTask;
    private int _lastId;

    public MySqlPortServer(MySqlPortOptions options, IMySqlAccounts accounts, StatementRunner statements, TimeZoneInfo timeZone, ILogger<MySqlPortServer> logger)
    {
        _options = options;
        _accounts = accounts;
        _statements = statements;
        _timeZone = timeZone;
        _logger = logger;
        _listener = new TcpListener(options.Endpoint);
    }

    /// <summary>Where the port listens once started (the chosen port when the options said 0).</summary>
    public IPEndPoint LocalEndpoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Connections being served now.</summary>
    public int ConnectionCount => _connections.Count;

    /// <exception cref="SocketException">The address is taken or cannot be bound.</exception>
    public void Start()
    {
        _listener.Start(backlog: 512);
        MySqlPortLog.Listening(_logger, _listener.LocalEndpoint);
        _accepting = AcceptAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        foreach (var (socket, _) in _connections.Values)
        {
            socket.Dispose();
        }

        await Task.WhenAll(_connections.Values.Select(c => c.Serving));
        _stop.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || (e is SocketException && cancellationToken.IsCancellationRequested))
            {
                return;
            }
            catch (SocketException)
            {
                continue; // a connection reset before it was accepted
            }

            socket.NoDelay = true;
            var id = unchecked((uint)Interlocked.Increment(ref _lastId));
            if (_connections.Count >= _options.MaxConnections)
            {
                _ = RefuseAsync(socket);
                continue;
            }

            var connection = new MySqlPortConnection(socket, id, _options, _accounts, _statements, _timeZone, _logger);
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _connections[id] = (socket, ServeAsync(id, connection, started.Task, cancellationToken));
            started.SetResult();
        }
    }

    private async Task ServeAsync(uint id, MySqlPortConnection connection, Task registered, CancellationToken cancellationToken)
    {
        await registered;
        try
        {
            await Task.Run(() => connection.RunAsync(cancellationToken), CancellationToken.None);
        }
        catch (Exception e)
        {
            // A defect in serving one connection must not reach the others or the host.
            MySqlPortLog.Crashed(_logger, e, id);
        }
        finally
        {
            _connections.TryRemove(id, out _);
        }
    }

    /// <summary>Error 1040 as the first packet, as MySQL answers a connection over its limit.</summary>
    private async Task RefuseAsync(Socket socket)
    {
        var peer = (socket.RemoteEndPoint as IPEndPoint)?.Address.ToString() ?? "unknown";
        MySqlPortLog.TooMany(_logger, peer, _options.MaxConnections);
        try
        {
            await using var channel = new PacketChannel(new NetworkStream(socket, ownsSocket: true), 256, TimeSpan.FromSeconds(5), "client");
            using var payload = new PayloadWriter(64);
            await channel.WritePayloadAsync(MySqlError.TooManyConnections.Write(payload), CancellationToken.None);
        }
        catch (Exception e) when (e is MySqlConnectionException or IOException or SocketException or ObjectDisposedException)
        {
            // The client left first.
        }
    }
}
