using ContinuousLoad.MySql.Wire;

namespace ContinuousLoad.Sources.MySql.Protocol.Payloads;

/// <summary>
/// OK_Packet (MySQL Client/Server Protocol, "OK_Packet"): header 0x00, or 0xFE when it ends a result
/// set under CLIENT_DEPRECATE_EOF; affected rows, last insert id, status, warnings, then info text
/// (session-state tracking is not requested, so what follows is read as plain info).
/// </summary>
public readonly record struct OkPayload(ulong AffectedRows, ulong LastInsertId, ServerStatusFlags Status, ushort WarningCount)
{
    /// <summary>True for an OK packet: 0x00 (at least 7 bytes), or 0xFE shorter than 16 MB when the EOF is deprecated.</summary>
    public static bool IsOk(ReadOnlySpan<byte> payload, bool deprecateEof) =>
        payload.Length >= 7 && payload[0] == 0x00 || deprecateEof && IsEndOfRows(payload);

    /// <summary>0xFE ending the rows: a row never starts with 0xFE unless it is a 9+ byte length prefix of a 16 MB+ value.</summary>
    public static bool IsEndOfRows(ReadOnlySpan<byte> payload) => payload.Length is > 0 and < 0xFF_FFFF && payload[0] == 0xFE;

    public static OkPayload Create(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var header = reader.ReadByte();
        if (header is not (0x00 or 0xFE))
        {
            throw new MySqlProtocolException($"Expected an OK packet (0x00 or 0xFE), got 0x{header:X2} ({payload.Length} bytes).");
        }

        var affected = reader.ReadLengthEncodedInteger();
        var lastInsertId = reader.ReadLengthEncodedInteger();
        var status = (ServerStatusFlags)reader.ReadUInt16();
        var warnings = reader.ReadUInt16();
        return new OkPayload(affected, lastInsertId, status, warnings);
    }
}
