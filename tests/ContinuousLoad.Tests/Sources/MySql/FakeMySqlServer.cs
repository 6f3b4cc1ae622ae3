using System.Net;
using System.Net.Sockets;

namespace ContinuousLoad.Tests.Sources.MySql;

/// <summary>
/// A loopback TCP listener that plays a scripted conversation of raw packets with one client — for the
/// faults and server kinds the real MariaDB here cannot produce (MySQL 8 auth, TLS, broken packets).
/// It is not a database: it only writes the bytes the script says.
/// </summary>
public sealed class FakeMySqlServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task _conversation;

    public FakeMySqlServer(Func<FakeMySqlConnection, Task> script)
    {
        _listener.Start();
        _conversation = RunAsync(script);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Waits for the script to end and rethrows what it threw (its own assertions included).</summary>
    public Task Completion => _conversation;

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _conversation.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client side of a fault test hangs up mid-script; what matters is asserted on the client.
        }
    }

    private async Task RunAsync(Func<FakeMySqlConnection, Task> script)
    {
        using var client = await _listener.AcceptTcpClientAsync();
        await using var connection = new FakeMySqlConnection(client.GetStream());
        await script(connection);
    }
}
