using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace ContinuousLoad.Sources.Postgres.Wire;

/// <summary>
/// Builds one frontend message (PostgreSQL docs "Message Formats"): a type byte (none for the startup and
/// SSL requests), an Int32 length that counts itself and the body, then the body.
/// </summary>
internal sealed class FrontendMessage
{
    private readonly ArrayBufferWriter<byte> _bytes = new(256);
    private readonly int _lengthAt;

    public FrontendMessage(char? type)
    {
        if (type is { } code)
        {
            _bytes.Write([(byte)code]);
        }

        _lengthAt = _bytes.WrittenCount;
        Int32(0);
    }

    public FrontendMessage Int32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_bytes.GetSpan(4), value);
        _bytes.Advance(4);
        return this;
    }

    /// <summary>A NUL-terminated UTF-8 string.</summary>
    public FrontendMessage String(string value)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A protocol string cannot contain a NUL character.", nameof(value));
        }

        _bytes.Write(Encoding.UTF8.GetBytes(value));
        _bytes.Write([(byte)0]);
        return this;
    }

    public FrontendMessage Bytes(ReadOnlySpan<byte> value)
    {
        _bytes.Write(value);
        return this;
    }

    public ReadOnlyMemory<byte> Finish()
    {
        var message = MemoryMarshal.AsMemory(_bytes.WrittenMemory);
        BinaryPrimitives.WriteInt32BigEndian(message.Span[_lengthAt..], message.Length - _lengthAt);
        return message;
    }
}
