using System.Net.Sockets;
using System.Text;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.StreamLoad;

/// <summary>
/// HTTP/1.1 spoken by hand over a loopback socket, for what well-behaved clients never do: leave out the
/// length, wait for <c>100 Continue</c>, hang up in the middle of a body.
/// </summary>
public sealed class RawHttp : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;

    private RawHttp(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<RawHttp> ConnectAsync(string url)
    {
        var uri = new Uri(url);
        var client = new TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port, TestContext.Current.CancellationToken);
        return new RawHttp(client);
    }

    /// <summary>Sends the request line and headers (Basic root, Host added); the body is up to the caller.</summary>
    public Task SendHeadAsync(string method, string path, params string[] headers)
    {
        var head = new StringBuilder($"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: {BasicAuthorization.Header("root:")}\r\n");
        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        return SendAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
    }

    public async Task SendAsync(byte[] data) => await _stream.WriteAsync(data, TestContext.Current.CancellationToken);

    /// <summary>Reads until the peer closes or <paramref name="within"/> passes; returns what arrived.</summary>
    public async Task<string> ReadAsync(TimeSpan within, string? until = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(within);
        var received = new StringBuilder();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await _stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Append(Encoding.UTF8.GetString(buffer, 0, read));
                if (until is not null && received.ToString().Contains(until, StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            // Time is up: return what came.
        }
        catch (IOException)
        {
            // The server closed the connection.
        }

        return received.ToString();
    }

    public ValueTask DisposeAsync()
    {
        _stream.Dispose();
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
