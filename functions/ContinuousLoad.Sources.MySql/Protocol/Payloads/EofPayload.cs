using ContinuousLoad.MySql.Wire;

namespace ContinuousLoad.Sources.MySql.Protocol.Payloads;

/// <summary>
/// EOF_Packet (MySQL Client/Server Protocol, "EOF_Packet"): 0xFE, warnings, status — five bytes, sent
/// after column definitions and rows unless CLIENT_DEPRECATE_EOF was agreed (then an OK with 0xFE ends rows).
/// </summary>
public readonly record struct EofPayload(ushort WarningCount, ServerStatusFlags Status)
{
    public static bool IsEof(ReadOnlySpan<byte> payload) => payload.Length is > 0 and < 9 && payload[0] == 0xFE;

    public static EofPayload Create(ReadOnlySpan<byte> payload)
    {
        if (!IsEof(payload))
        {
            throw new MySqlProtocolException($"Expected an EOF packet (0xFE, under 9 bytes), got {Describe(payload)}.");
        }

        var reader = new PayloadReader(payload[1..]);
        return reader.Remaining >= 4 ? new EofPayload(reader.ReadUInt16(), (ServerStatusFlags)reader.ReadUInt16()) : default;
    }

    internal static string Describe(ReadOnlySpan<byte> payload) =>
        payload.IsEmpty ? "an empty payload" : $"0x{payload[0]:X2} ({payload.Length} bytes)";
}
