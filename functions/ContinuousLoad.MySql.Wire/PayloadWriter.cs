using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ContinuousLoad.MySql.Wire;

/// <summary>
/// Builds one payload in a pooled buffer (MySQL Client/Server Protocol, "Basic Data Types"). The
/// first four bytes are kept free for the packet header so a payload under 16 MB goes out in one
/// write. Dispose returns the buffer.
/// </summary>
public sealed class PayloadWriter : IDisposable
{
    internal const int HeaderSize = 4;
    private byte[] _buffer;
    private int _position = HeaderSize;

    public PayloadWriter(int capacity = 256) => _buffer = ArrayPool<byte>.Shared.Rent(capacity + HeaderSize);

    public int Length => _position - HeaderSize;

    /// <summary>The payload written so far (without the header room).</summary>
    public ReadOnlyMemory<byte> Payload => _buffer.AsMemory(HeaderSize, Length);

    /// <summary>The buffer with four free bytes in front of the payload, for the packet layer.</summary>
    internal ArraySegment<byte> WithHeaderRoom => new(_buffer, 0, _position);

    public PayloadWriter Write(byte value)
    {
        Reserve(1)[0] = value;
        return this;
    }

    public PayloadWriter WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);
        return this;
    }

    public PayloadWriter WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);
        return this;
    }

    public PayloadWriter WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);
        return this;
    }

    public PayloadWriter WriteLengthEncodedInteger(ulong value)
    {
        switch (value)
        {
            case < 0xFB:
                return Write((byte)value);
            case <= 0xFFFF:
                Write(0xFC);
                return WriteUInt16((ushort)value);
            case <= 0xFF_FFFF:
                var span = Reserve(4);
                span[0] = 0xFD;
                span[1] = (byte)value;
                span[2] = (byte)(value >> 8);
                span[3] = (byte)(value >> 16);
                return this;
            default:
                Write(0xFE);
                return WriteUInt64(value);
        }
    }

    public PayloadWriter Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        return this;
    }

    public PayloadWriter WriteZeros(int count)
    {
        Reserve(count).Clear();
        return this;
    }

    public PayloadWriter WriteLengthEncodedBytes(ReadOnlySpan<byte> bytes) => WriteLengthEncodedInteger((ulong)bytes.Length).Write(bytes);

    /// <summary>UTF-8 text without a terminator (e.g. the SQL of COM_QUERY, which runs to the end of the payload).</summary>
    public PayloadWriter WriteString(string text)
    {
        var span = Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
        var written = Encoding.UTF8.GetBytes(text, span);
        _position -= span.Length - written;
        return this;
    }

    public PayloadWriter WriteNullTerminatedString(string text) => WriteString(text).Write(0);

    /// <summary>UTF-8 text behind its length-encoded byte count, encoded straight into the payload.</summary>
    public PayloadWriter WriteLengthEncodedString(string text)
    {
        WriteLengthEncodedInteger((ulong)Encoding.UTF8.GetByteCount(text));
        return WriteString(text);
    }

    /// <summary>An integer's decimal digits as a length-encoded string (a text-protocol value), without a string in between.</summary>
    public PayloadWriter WriteLengthEncodedDigits(long value)
    {
        Span<byte> digits = stackalloc byte[20];
        value.TryFormat(digits, out var length, provider: System.Globalization.CultureInfo.InvariantCulture);
        return Write((byte)length).Write(digits[..length]);
    }

    /// <summary>Empties the payload, keeping the buffer, to build the next one (a result set's rows, one after another).</summary>
    public PayloadWriter Clear()
    {
        _position = HeaderSize;
        return this;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private Span<byte> Reserve(int count)
    {
        if (_position + count > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _position + count));
            _buffer.AsSpan(0, _position).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var span = _buffer.AsSpan(_position, count);
        _position += count;
        return span;
    }
}
