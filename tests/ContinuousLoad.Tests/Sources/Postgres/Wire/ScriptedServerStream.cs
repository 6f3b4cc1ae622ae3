using System.Buffers.Binary;
using System.Text;

namespace ContinuousLoad.Tests.Sources.Postgres.Wire;

/// <summary>
/// Plays a server's side of the wire from prepared backend messages, handing them out at most
/// <c>chunk</c> bytes per read, and keeps what the client wrote.
/// </summary>
internal sealed class ScriptedServerStream(byte[] serverBytes, int chunk = int.MaxValue) : Stream
{
    private readonly MemoryStream _server = new(serverBytes);

    public MemoryStream Written { get; } = new();

    public static byte[] Message(char type, ReadOnlySpan<byte> body)
    {
        var message = new byte[5 + body.Length];
        message[0] = (byte)type;
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(1), 4 + body.Length);
        body.CopyTo(message.AsSpan(5));
        return message;
    }

    public static byte[] AuthenticationRequest(int request, ReadOnlySpan<byte> data = default)
    {
        var body = new byte[4 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(body, request);
        data.CopyTo(body.AsSpan(4));
        return Message('R', body);
    }

    public static byte[] Error(string sqlState, string message) =>
        Message('E', Encoding.UTF8.GetBytes($"SERROR\0VERROR\0C{sqlState}\0M{message}\0\0"));

    public static byte[] Ready => Message('Z', "I"u8);

    /// <summary>The frontend messages the client wrote, as (type, body); the startup message has type '\0'.</summary>
    public List<(char Type, byte[] Body)> Sent()
    {
        var bytes = Written.ToArray().AsSpan();
        var sent = new List<(char, byte[])>();
        while (bytes.Length > 0)
        {
            var typed = bytes[0] != 0; // the startup message starts with its length, whose first byte is 0
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes[(typed ? 1 : 0)..]);
            var start = typed ? 5 : 4;
            sent.Add((typed ? (char)bytes[0] : '\0', bytes[start..((typed ? 1 : 0) + length)].ToArray()));
            bytes = bytes[((typed ? 1 : 0) + length)..];
        }

        return sent;
    }

    public override int Read(Span<byte> buffer) => _server.Read(buffer[..Math.Min(chunk, buffer.Length)]);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => Written.Write(buffer);

    public override void Write(byte[] buffer, int offset, int count) => Written.Write(buffer, offset, count);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
