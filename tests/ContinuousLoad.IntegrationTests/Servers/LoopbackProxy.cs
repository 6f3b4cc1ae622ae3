using System.Net;
using System.Net.Sockets;

namespace ContinuousLoad.IntegrationTests.Servers;

/// <summary>
/// A TCP relay on a loopback port of its own to a server on another: what a client sees of a server that goes
/// away and comes back. <see cref="StopAsync"/> closes the port and cuts every open connection (as a server
/// restart does); <see cref="Start"/> listens on the same port again. Servers shared by all tests stay up.
/// </summary>
internal sealed class LoopbackProxy : IAsyncDisposable
{
    private readonly int _targetPort;
    private readonly List<TcpClient> _connections = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _stop;
    private Task? _accepting;

    public LoopbackProxy(int targetPort)
    {
        _targetPort = targetPort;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public void Start()
    {
        _stop = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _accepting = AcceptAsync(_listener, _stop.Token);
    }

    public async Task StopAsync()
    {
        if (_stop is null)
        {
            return;
        }

        await _stop.CancelAsync();
        _listener!.Stop();
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Client?.Close(0);
                connection.Dispose();
            }

            _connections.Clear();
        }

        await _accepting!.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
        _stop = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task AcceptAsync(TcpListener listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, stop);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                client.Dispose();
                server.Dispose();
                continue;
            }

            lock (_connections)
            {
                _connections.Add(client);
                _connections.Add(server);
            }

            _ = RelayPairAsync(client, server, stop);
        }
    }

    /// <summary>
    /// Relays both ways. A side that ends its stream is passed on as a half-close, so the other side still reads all that
    /// was sent before it (a hard close here would reset a client that has not read the server's last bytes yet); only a
    /// broken side, or <see cref="StopAsync"/>, cuts both at once.
    /// </summary>
    private async Task RelayPairAsync(TcpClient client, TcpClient server, CancellationToken stop)
    {
        await Task.WhenAll(RelayAsync(client, server, stop), RelayAsync(server, client, stop));
        lock (_connections)
        {
            _connections.Remove(client);
            _connections.Remove(server);
        }

        client.Dispose();
        server.Dispose();
    }

    private static async Task RelayAsync(TcpClient from, TcpClient to, CancellationToken stop)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), stop);
            to.Client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            from.Client.Close(0);
            to.Client.Close(0);
        }
    }
}
