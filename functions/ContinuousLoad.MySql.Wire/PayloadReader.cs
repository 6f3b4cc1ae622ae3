using System.Buffers.Binary;
using System.Text;

namespace ContinuousLoad.MySql.Wire;

/// <summary>
/// Reads the basic data types of the MySQL protocol from one payload, front to back, without copying
/// (MySQL Client/Server Protocol, "Basic Data Types": fixed-length little-endian integers,
/// length-encoded integers and strings, NUL-terminated strings). Running past the end throws a
/// <see cref="MySqlProtocolException"/> that names what was being read, never an index error.
/// </summary>
public ref struct PayloadReader(ReadOnlySpan<byte> payload)
{
    private readonly ReadOnlySpan<byte> _payload = payload;

    public int Offset { get; private set; }

    public readonly int Remaining => _payload.Length - Offset;

    public readonly bool AtEnd => Offset >= _payload.Length;

    public readonly ReadOnlySpan<byte> Rest => _payload[Offset..];

    public readonly byte Peek() => Remaining > 0 ? _payload[Offset] : throw Truncated("a byte", 1);

    public byte ReadByte() => Take(1, "a byte")[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, "a 2-byte integer"));

    public int ReadUInt24()
    {
        var bytes = Take(3, "a 3-byte integer");
        return bytes[0] | bytes[1] << 8 | bytes[2] << 16;
    }

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, "a 4-byte integer"));

    public ulong ReadUInt48()
    {
        var bytes = Take(6, "a 6-byte integer");
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes) | (ulong)BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]) << 32;
    }

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, "an 8-byte integer"));

    /// <summary>A length-encoded integer: &lt;0xFB one byte, 0xFC + 2, 0xFD + 3, 0xFE + 8 bytes (0xFB is NULL in rows, 0xFF an error).</summary>
    public ulong ReadLengthEncodedInteger()
    {
        var first = ReadByte();
        return first switch
        {
            < 0xFB => first,
            0xFC => ReadUInt16(),
            0xFD => (ulong)ReadUInt24(),
            0xFE => ReadUInt64(),
            _ => throw new MySqlProtocolException(
                $"Expected a length-encoded integer at offset {Offset - 1}, got the byte 0x{first:X2} (0xFB is NULL, 0xFF starts an error packet)."),
        };
    }

    public ReadOnlySpan<byte> ReadLengthEncodedBytes()
    {
        var length = ReadLengthEncodedInteger();
        return length > int.MaxValue ? throw Truncated("a length-encoded string", length) : Take((int)length, "a length-encoded string");
    }

    public string ReadLengthEncodedString() => Encoding.UTF8.GetString(ReadLengthEncodedBytes());

    public ReadOnlySpan<byte> ReadBytes(int count) => Take(count, $"{count} bytes");

    public ReadOnlySpan<byte> ReadToEnd()
    {
        var rest = _payload[Offset..];
        Offset = _payload.Length;
        return rest;
    }

    /// <summary>Bytes up to a NUL (consumed, not returned); a missing NUL is a protocol error unless <paramref name="endIsTerminator"/>.</summary>
    public ReadOnlySpan<byte> ReadNullTerminatedBytes(bool endIsTerminator = false)
    {
        var rest = _payload[Offset..];
        var end = rest.IndexOf((byte)0);
        if (end < 0)
        {
            if (!endIsTerminator)
            {
                throw new MySqlProtocolException($"Expected a NUL-terminated string at offset {Offset}, but the payload ends after {rest.Length} bytes without a NUL.");
            }

            Offset = _payload.Length;
            return rest;
        }

        Offset += end + 1;
        return rest[..end];
    }

    public string ReadNullTerminatedString(bool endIsTerminator = false) => Encoding.UTF8.GetString(ReadNullTerminatedBytes(endIsTerminator));

    public void Skip(int count) => Take(count, $"{count} bytes to skip");

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if ((uint)count > (uint)Remaining)
        {
            throw Truncated(what, (ulong)count);
        }

        var slice = _payload.Slice(Offset, count);
        Offset += count;
        return slice;
    }

    private readonly MySqlProtocolException Truncated(string what, ulong needed) => new(
        $"Truncated payload: expected {what} ({needed} byte(s)) at offset {Offset}, but only {Remaining} of {_payload.Length} byte(s) remain.");
}
