using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// Reads the little-endian integers, length-encoded integers and strings of a binlog event body
/// (MySQL Client/Server Protocol, Basic Data Types). Every read checks the remaining length first and
/// throws <see cref="BinlogFormatException"/> naming the event, the field, the bytes needed and the bytes
/// left, so a truncated or lying event never reads past its end.
/// </summary>
public ref struct BinlogSpanReader(ReadOnlySpan<byte> data, BinlogEventType eventType)
{
    private readonly ReadOnlySpan<byte> _data = data;

    public int Offset { get; private set; }

    public readonly int Remaining => _data.Length - Offset;

    public readonly BinlogEventType EventType => eventType;

    public readonly ReadOnlySpan<byte> RemainingBytes => _data[Offset..];

    public byte ReadByte(string field) => Take(1, field)[0];

    public ushort ReadUInt16(string field) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, field));

    public uint ReadUInt24(string field)
    {
        var bytes = Take(3, field);
        return (uint)(bytes[0] | bytes[1] << 8 | bytes[2] << 16);
    }

    public uint ReadUInt32(string field) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, field));

    public ulong ReadUInt48(string field)
    {
        var bytes = Take(6, field);
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes) | (ulong)BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]) << 32;
    }

    public ulong ReadUInt64(string field) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, field));

    /// <summary>Reads an unsigned integer of <paramref name="size"/> (1 to 8) little-endian bytes.</summary>
    public ulong ReadUIntN(int size, string field)
    {
        var bytes = Take(size, field);
        ulong value = 0;
        for (var i = size - 1; i >= 0; i--)
        {
            value = value << 8 | bytes[i];
        }

        return value;
    }

    /// <summary>A length-encoded integer: 0-250 in one byte, 0xFC + 2, 0xFD + 3, 0xFE + 8 bytes.</summary>
    public ulong ReadLengthEncoded(string field)
    {
        var first = ReadByte(field);
        return first switch
        {
            < 0xFB => first,
            0xFC => ReadUInt16(field),
            0xFD => ReadUInt24(field),
            0xFE => ReadUInt64(field),
            _ => throw new BinlogFormatException($"{eventType} event: {field} is a length-encoded integer, expected a first byte other than 0x{first:x2} at offset {Offset - 1}"),
        };
    }

    /// <summary>A length-encoded integer used as a count or length: it must fit in what is left of the event.</summary>
    public int ReadLengthEncodedLength(string field)
    {
        var value = ReadLengthEncoded(field);
        if (value > (ulong)Remaining)
        {
            throw new BinlogFormatException($"{eventType} event: {field} says {value} but only {Remaining} bytes are left in the event");
        }

        return (int)value;
    }

    public ReadOnlySpan<byte> ReadBytes(int length, string field) => Take(length, field);

    public string ReadString(int length, string field, Encoding? encoding = null) =>
        (encoding ?? Encoding.UTF8).GetString(Take(length, field));

    /// <summary>A string of a known length followed by a NUL (schema and table names in QUERY and TABLE_MAP).</summary>
    public string ReadStringWithTerminator(int length, string field)
    {
        var text = ReadString(length, field);
        var terminator = ReadByte(field + " terminator");
        if (terminator != 0)
        {
            throw new BinlogFormatException($"{eventType} event: expected a 0x00 after {field}, found 0x{terminator:x2} at offset {Offset - 1}");
        }

        return text;
    }

    public ReadOnlySpan<byte> ReadToEnd()
    {
        var rest = _data[Offset..];
        Offset = _data.Length;
        return rest;
    }

    public void Skip(int length, string field) => Take(length, field);

    // Small enough to inline into every read; the message is built only on the throwing path.
    private ReadOnlySpan<byte> Take(int length, string field)
    {
        if ((uint)length > (uint)Remaining)
        {
            ThrowTruncated(length, field);
        }

        var slice = _data.Slice(Offset, length);
        Offset += length;
        return slice;
    }

    [DoesNotReturn]
    private readonly void ThrowTruncated(int length, string field) =>
        throw new BinlogFormatException($"{eventType} event truncated: {field} needs {length} bytes at offset {Offset}, only {Remaining} are left");
}
