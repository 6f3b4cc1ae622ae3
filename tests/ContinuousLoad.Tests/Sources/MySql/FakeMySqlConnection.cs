using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ContinuousLoad.Tests.Sources.MySql;

/// <summary>The server's side of one scripted conversation: raw packets in and out, and a TLS upgrade.</summary>
public sealed class FakeMySqlConnection(Stream stream) : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private Stream _stream = stream;

    /// <summary>Reads one packet; returns its sequence id and payload.</summary>
    public async Task<(byte Sequence, byte[] Payload)> ReadPacketAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var header = new byte[4];
        await _stream.ReadExactlyAsync(header, timeout.Token);
        var payload = new byte[header[0] | header[1] << 8 | header[2] << 16];
        await _stream.ReadExactlyAsync(payload, timeout.Token);
        return (header[3], payload);
    }

    public async Task WritePacketAsync(byte sequence, params byte[] payload)
    {
        var packet = new byte[payload.Length + 4];
        packet[0] = (byte)payload.Length;
        packet[1] = (byte)(payload.Length >> 8);
        packet[2] = (byte)(payload.Length >> 16);
        packet[3] = sequence;
        payload.CopyTo(packet, 4);
        await WriteRawAsync(packet);
    }

    public async Task WriteRawAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>
    /// Says nothing more until the client hangs up (after its own timeout), however slow the machine is:
    /// a script that stopped after a fixed delay would close the connection first on a loaded machine.
    /// </summary>
    public async Task StaySilentUntilHangUpAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var sink = new byte[256];
        while (await _stream.ReadAsync(sink, timeout.Token) > 0)
        {
        }
    }

    public async Task UpgradeToTlsAsync(X509Certificate2 certificate)
    {
        var tls = new SslStream(_stream, leaveInnerStreamOpen: false);
        await tls.AuthenticateAsServerAsync(certificate);
        _stream = tls;
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
