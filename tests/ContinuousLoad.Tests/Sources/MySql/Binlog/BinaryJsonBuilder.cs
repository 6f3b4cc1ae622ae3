using System.Buffers.Binary;
using System.Text;

namespace ContinuousLoad.Tests.Sources.MySql.Binlog;

/// <summary>
/// Writes MySQL binary JSON from the documented format (json_binary.h): type byte, then objects/arrays
/// as count, size, key entries, value entries (small scalars inlined), keys, values — offsets counted
/// from the container's count field.
/// </summary>
internal static class BinaryJsonBuilder
{
    public static byte[] Document(Node node) => [node.Type, .. node.Data()];

    public abstract record Node(byte Type)
    {
        public abstract byte[] Data();
    }

    public sealed record Literal(byte Value) : Node(0x04)
    {
        public override byte[] Data() => [Value];
    }

    public sealed record Number(byte Kind, long Value, int Size) : Node(Kind)
    {
        public override byte[] Data() => BinlogEventBytes.LittleEndian((ulong)Value, Size);
    }

    public sealed record UnsignedNumber(ulong Value) : Node(0x0A)
    {
        public override byte[] Data() => BinlogEventBytes.LittleEndian(Value, 8);
    }

    public sealed record DoubleNumber(double Value) : Node(0x0B)
    {
        public override byte[] Data() => BitConverter.GetBytes(Value);
    }

    public sealed record Text(string Value) : Node(0x0C)
    {
        public override byte[] Data() => WithVariableLength(Encoding.UTF8.GetBytes(Value));
    }

    public sealed record Opaque(byte FieldType, byte[] Bytes) : Node(0x0F)
    {
        public override byte[] Data() => [FieldType, .. WithVariableLength(Bytes)];
    }

    public sealed record Container(bool IsObject, bool Large, IReadOnlyList<(string Key, Node Value)> Items) : Node((byte)((IsObject ? 0 : 2) + (Large ? 1 : 0)))
    {
        public override byte[] Data()
        {
            var offsetSize = Large ? 4 : 2;
            var count = Items.Count;
            var header = (2 * offsetSize) + (IsObject ? count * (offsetSize + 2) : 0) + (count * (1 + offsetSize));
            var keys = Items.Select(item => Encoding.UTF8.GetBytes(item.Key)).ToArray();
            var tail = new List<byte>();
            var keyOffsets = new int[count];
            for (var i = 0; IsObject && i < count; i++)
            {
                keyOffsets[i] = header + tail.Count;
                tail.AddRange(keys[i]);
            }

            var entries = new List<byte>();
            foreach (var (_, value) in Items)
            {
                entries.Add(value.Type);
                var inlined = value.Type is 0x04 or 0x05 or 0x06 || (Large && value.Type is 0x07 or 0x08);
                if (inlined)
                {
                    var data = value.Data();
                    entries.AddRange(data.Concat(new byte[offsetSize]).Take(offsetSize));
                }
                else
                {
                    entries.AddRange(BinlogEventBytes.LittleEndian((ulong)(header + tail.Count), offsetSize));
                    tail.AddRange(value.Data());
                }
            }

            var size = header + tail.Count;
            var output = new List<byte>();
            output.AddRange(BinlogEventBytes.LittleEndian((ulong)count, offsetSize));
            output.AddRange(BinlogEventBytes.LittleEndian((ulong)size, offsetSize));
            for (var i = 0; IsObject && i < count; i++)
            {
                output.AddRange(BinlogEventBytes.LittleEndian((ulong)keyOffsets[i], offsetSize));
                output.AddRange(BinlogEventBytes.LittleEndian((ulong)keys[i].Length, 2));
            }

            output.AddRange(entries);
            output.AddRange(tail);
            return [.. output];
        }
    }

    public static Node Int16(short value) => new Number(0x05, value, 2);

    public static Node Int32(int value) => new Number(0x07, value, 4);

    public static Node Int64(long value) => new Number(0x09, value, 8);

    public static Node UInt16(ushort value) => new Number(0x06, value, 2);

    public static Node UInt32(uint value) => new Number(0x08, value, 4);

    public static Node Object(params (string, Node)[] items) => new Container(true, false, items);

    public static Node LargeObject(params (string, Node)[] items) => new Container(true, true, items);

    public static Node Array(params Node[] items) => new Container(false, false, items.Select(item => ("", item)).ToArray());

    public static Node LargeArray(params Node[] items) => new Container(false, true, items.Select(item => ("", item)).ToArray());

    private static byte[] WithVariableLength(byte[] bytes)
    {
        var output = new List<byte>();
        var length = (uint)bytes.Length;
        do
        {
            var b = (byte)(length & 0x7F);
            length >>= 7;
            output.Add(length > 0 ? (byte)(b | 0x80) : b);
        }
        while (length > 0);
        output.AddRange(bytes);
        return [.. output];
    }
}
