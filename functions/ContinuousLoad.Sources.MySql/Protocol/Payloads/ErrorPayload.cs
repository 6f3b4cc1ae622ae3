using System.Text;
using ContinuousLoad.MySql.Wire;

namespace ContinuousLoad.Sources.MySql.Protocol.Payloads;

/// <summary>
/// ERR_Packet (MySQL Client/Server Protocol, "ERR_Packet"): 0xFF, error code, '#' + five-character SQL
/// state (under CLIENT_PROTOCOL_41; absent in errors sent before the handshake), message.
/// </summary>
public readonly record struct ErrorPayload(int ErrorCode, string SqlState, string Message)
{
    public static bool IsError(ReadOnlySpan<byte> payload) => payload.Length > 0 && payload[0] == 0xFF;

    public static ErrorPayload Create(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var header = reader.ReadByte();
        if (header != 0xFF)
        {
            throw new MySqlProtocolException($"Expected an ERR packet (0xFF), got 0x{header:X2} ({payload.Length} bytes).");
        }

        var code = reader.ReadUInt16();
        var state = "HY000";
        if (!reader.AtEnd && reader.Peek() == (byte)'#' && reader.Remaining >= 6)
        {
            reader.Skip(1);
            state = Encoding.ASCII.GetString(reader.ReadBytes(5));
        }

        return new ErrorPayload(code, state, Encoding.UTF8.GetString(reader.ReadToEnd()));
    }

    public MySqlServerException ToException(string? hint = null) => new(ErrorCode, SqlState, Message, hint);
}
