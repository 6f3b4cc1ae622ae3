using System.Buffers.Binary;
using System.Text;

namespace ContinuousLoad.Sources.Postgres.Protocol;

/// <summary>
/// Reads the fields of one pgoutput message (PostgreSQL docs, "Logical Replication Message Formats"):
/// big-endian integers and NUL-terminated strings. A short message is a protocol error naming what
/// was expected and how many bytes were left.
/// </summary>
internal ref struct PgOutputReader(ReadOnlySpan<byte> message)
{
    private readonly ReadOnlySpan<byte> _message = message;
    private int _offset;

    public readonly int Remaining => _message.Length - _offset;

    public byte ReadByte() => Take(1, "Byte1")[0];

    public short ReadInt16() => BinaryPrimitives.ReadInt16BigEndian(Take(2, "Int16"));

    public int ReadInt32() => BinaryPrimitives.ReadInt32BigEndian(Take(4, "Int32"));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4, "Int32"));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64BigEndian(Take(8, "Int64"));

    public long ReadInt64() => BinaryPrimitives.ReadInt64BigEndian(Take(8, "Int64"));

    public string ReadString()
    {
        var end = _message[_offset..].IndexOf((byte)0);
        if (end < 0)
        {
            throw Short("a NUL-terminated String");
        }

        var text = Encoding.UTF8.GetString(_message.Slice(_offset, end));
        _offset += end + 1;
        return text;
    }

    public ReadOnlySpan<byte> ReadBytes(int count) => count < 0 ? throw Short($"a length >= 0, got {count}") : Take(count, $"{count} bytes");

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (Remaining < count)
        {
            throw Short(what);
        }

        var slice = _message.Slice(_offset, count);
        _offset += count;
        return slice;
    }

    private readonly PostgresSourceException Short(string what) =>
        new(PostgresSourceError.ProtocolViolation, $"pgoutput message ended early: expected {what} at offset {_offset}, {Remaining} bytes left of {_message.Length}.");
}
