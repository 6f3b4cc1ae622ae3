using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.MySql.Protocol;
using ContinuousLoad.Sources.MySql.Protocol.Payloads;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Sources.MySql.Text;

/// <summary>
/// One text-protocol row (MySQL Client/Server Protocol, "Text Resultset Row"): each field a
/// length-encoded string, or 0xFB for NULL. <see cref="Index"/> records where every field starts and how
/// long it is (-1 for NULL) in one pass; values are then sliced or decoded without copying the row.
/// </summary>
public readonly ref struct TextRow
{
    private readonly ReadOnlySpan<byte> _payload;
    private readonly int[] _starts;
    private readonly int[] _lengths;
    private readonly ColumnDefinitionPayload[] _columns;
    private readonly MySqlValueKind[] _kinds;

    internal TextRow(ReadOnlySpan<byte> payload, int[] starts, int[] lengths, ColumnDefinitionPayload[] columns, MySqlValueKind[] kinds)
    {
        _payload = payload;
        _starts = starts;
        _lengths = lengths;
        _columns = columns;
        _kinds = kinds;
    }

    public int FieldCount => _starts.Length;

    public bool IsNull(int ordinal) => _lengths[ordinal] < 0;

    /// <summary>The field's bytes as sent (text in the result charset, or binary); empty for NULL.</summary>
    public ReadOnlySpan<byte> GetBytes(int ordinal) => _lengths[ordinal] < 0 ? default : _payload.Slice(_starts[ordinal], _lengths[ordinal]);

    public object? GetValue(int ordinal) =>
        _lengths[ordinal] < 0 ? null : TextValueDecoder.Decode(_kinds[ordinal], _columns[ordinal].CollationId, GetBytes(ordinal));

    /// <summary>Indexes the fields of one row payload; a field running past the payload is a protocol error.</summary>
    internal static void Index(ReadOnlySpan<byte> payload, int[] starts, int[] lengths)
    {
        var offset = 0;
        for (var i = 0; i < starts.Length; i++)
        {
            if (offset >= payload.Length)
            {
                throw new MySqlProtocolException($"Truncated row: {payload.Length} byte(s) hold {i} of {starts.Length} fields.");
            }

            int first = payload[offset];
            if (first < 0xFB)
            {
                starts[i] = offset + 1;
                lengths[i] = first;
                offset += 1 + first;
            }
            else if (first == 0xFB)
            {
                starts[i] = offset + 1;
                lengths[i] = -1;
                offset++;
            }
            else
            {
                var prefix = first switch { 0xFC => 3, 0xFD => 4, 0xFE => 9, _ => 0 };
                if (prefix == 0 || offset + prefix > payload.Length)
                {
                    throw new MySqlProtocolException(
                        $"Malformed row: field {i} at offset {offset} starts with 0x{first:X2}, which is no complete length prefix in a {payload.Length}-byte payload.");
                }

                var reader = new PayloadReader(payload[offset..]);
                var length = reader.ReadLengthEncodedInteger();
                if (length > (ulong)(payload.Length - offset - reader.Offset))
                {
                    throw new MySqlProtocolException($"Truncated row: field {i} claims {length} bytes at offset {offset}, the payload has {payload.Length}.");
                }

                starts[i] = offset + reader.Offset;
                lengths[i] = (int)length;
                offset += reader.Offset + (int)length;
            }

            if (offset > payload.Length)
            {
                throw new MySqlProtocolException($"Truncated row: field {i} ends at offset {offset}, past the payload's {payload.Length} bytes.");
            }
        }

        if (offset != payload.Length)
        {
            throw new MySqlProtocolException($"Row has {payload.Length - offset} byte(s) after its {starts.Length} fields.");
        }
    }
}
