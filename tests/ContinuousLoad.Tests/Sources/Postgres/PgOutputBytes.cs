using System.Buffers.Binary;
using System.Text;

namespace ContinuousLoad.Tests.Sources.Postgres;

/// <summary>Builds pgoutput protocol-1 messages byte by byte, as the server would send them.</summary>
internal sealed class PgOutputBytes
{
    private readonly List<byte> _bytes = [];

    public static PgOutputBytes Message(char tag) => new PgOutputBytes().Byte((byte)tag);

    public PgOutputBytes Byte(byte value)
    {
        _bytes.Add(value);
        return this;
    }

    public PgOutputBytes Int16(short value) => Raw(2, span => BinaryPrimitives.WriteInt16BigEndian(span, value));

    public PgOutputBytes Int32(int value) => Raw(4, span => BinaryPrimitives.WriteInt32BigEndian(span, value));

    public PgOutputBytes Int64(long value) => Raw(8, span => BinaryPrimitives.WriteInt64BigEndian(span, value));

    public PgOutputBytes String(string value)
    {
        _bytes.AddRange(Encoding.UTF8.GetBytes(value));
        return Byte(0);
    }

    /// <summary>TupleData: null → 'n', "\u0000u" → 'u' (unchanged TOAST), otherwise 't' with the text.</summary>
    public PgOutputBytes Tuple(params string?[] values)
    {
        Int16((short)values.Length);
        foreach (var value in values)
        {
            if (value is null)
            {
                Byte((byte)'n');
            }
            else if (value == "\0u")
            {
                Byte((byte)'u');
            }
            else
            {
                var text = Encoding.UTF8.GetBytes(value);
                Byte((byte)'t').Int32(text.Length);
                _bytes.AddRange(text);
            }
        }

        return this;
    }

    public byte[] ToArray() => [.. _bytes];

    private PgOutputBytes Raw(int size, SpanAction write)
    {
        var buffer = new byte[size];
        write(buffer);
        _bytes.AddRange(buffer);
        return this;
    }

    private delegate void SpanAction(Span<byte> span);
}
