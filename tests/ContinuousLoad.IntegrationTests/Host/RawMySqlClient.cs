using System.Net;
using System.Net.Sockets;
using System.Text;
using ContinuousLoad.MySql.Wire;

namespace ContinuousLoad.IntegrationTests.Host;

/// <summary>
/// A MySQL client that says only what a test tells it, byte by byte: it signs in as a user without a password, then
/// sends well-formed or broken packets and reads what the port answers.
/// </summary>
internal sealed class RawMySqlClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    private RawMySqlClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        Channel = new PacketChannel(_stream, 64 * 1024, TimeSpan.FromSeconds(30));
    }

    public PacketChannel Channel { get; }

    /// <summary>Connected, nothing sent or read yet.</summary>
    public static async Task<RawMySqlClient> ConnectAsync(IPEndPoint port, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(port, cancellationToken);
        return new RawMySqlClient(socket);
    }

    /// <summary>Connected and signed in as <paramref name="user"/> (no password, mysql_native_password).</summary>
    public static async Task<RawMySqlClient> SignInAsync(IPEndPoint port, string user, CancellationToken cancellationToken)
    {
        var client = await ConnectAsync(port, cancellationToken);
        await client.Channel.ReadPayloadAsync(cancellationToken); // the greeting
        using var response = new PayloadWriter();
        const CapabilityFlags capabilities = CapabilityFlags.Protocol41 | CapabilityFlags.SecureConnection | CapabilityFlags.PluginAuth |
                                             CapabilityFlags.LongPassword | CapabilityFlags.Transactions;
        response.WriteUInt32((uint)capabilities).WriteUInt32(16 * 1024 * 1024).Write(45).WriteZeros(23)
            .WriteNullTerminatedString(user).Write(0).WriteNullTerminatedString("mysql_native_password");
        await client.Channel.WritePayloadAsync(response, cancellationToken);
        var answer = await client.Channel.ReadPayloadAsync(cancellationToken);
        return answer.Span[0] == 0x00 ? client : throw new InvalidOperationException($"sign-in refused: {Describe(answer.Span)}");
    }

    /// <summary>Sends COM_QUERY as a new command.</summary>
    public async Task QueryAsync(string sql, CancellationToken cancellationToken)
    {
        Channel.ResetSequence();
        using var payload = new PayloadWriter();
        await Channel.WritePayloadAsync(payload.Write((byte)CommandKind.Query).WriteString(sql), cancellationToken);
    }

    /// <summary>Writes bytes as they are, framing and all.</summary>
    public async Task SendRawAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(bytes, cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// The next packet the port sent, read past the channel (whatever its sequence id, which a broken exchange leaves
    /// out of step), as "code: message" for an ERR packet; throws for any other packet.
    /// </summary>
    public async Task<string> ReadErrorAsync(CancellationToken cancellationToken)
    {
        var payload = await ReadPacketAsync(cancellationToken);
        return payload[0] == 0xFF ? Describe(payload) : throw new InvalidOperationException($"expected an error packet, got 0x{payload[0]:X2}");
    }

    /// <summary>The next packet's payload, read past the channel (which must not have read ahead).</summary>
    public async Task<byte[]> ReadPacketAsync(CancellationToken cancellationToken)
    {
        var header = new byte[4];
        await _stream.ReadExactlyAsync(header, cancellationToken);
        var payload = new byte[header[0] | header[1] << 8 | header[2] << 16];
        await _stream.ReadExactlyAsync(payload, cancellationToken);
        return payload;
    }

    /// <summary>Whether the port closed the connection (a read ends without data) within <paramref name="wait"/>.</summary>
    public async Task<bool> ClosedWithinAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        var buffer = new byte[64 * 1024];
        try
        {
            while (await _stream.ReadAsync(buffer, timeout.Token) > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true; // reset
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Channel.DisposeAsync();
        _socket.Dispose();
    }

    private static string Describe(ReadOnlySpan<byte> error) =>
        error[0] == 0xFF ? $"{BitConverter.ToUInt16(error[1..3])}: {Encoding.UTF8.GetString(error[9..])}" : $"packet 0x{error[0]:X2}";
}
