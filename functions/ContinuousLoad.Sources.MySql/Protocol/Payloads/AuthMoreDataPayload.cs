using ContinuousLoad.MySql.Wire;

namespace ContinuousLoad.Sources.MySql.Protocol.Payloads;

/// <summary>
/// Protocol::AuthMoreData (MySQL Client/Server Protocol, "AuthMoreData"): 0x01 and plugin-specific
/// data — for caching_sha2_password 0x03 (fast auth succeeded), 0x04 (full auth needed) or a PEM public key.
/// </summary>
public sealed record AuthMoreDataPayload(byte[] Data)
{
    public static bool IsAuthMoreData(ReadOnlySpan<byte> payload) => payload.Length > 0 && payload[0] == 0x01;

    public static AuthMoreDataPayload Create(ReadOnlySpan<byte> payload)
    {
        if (!IsAuthMoreData(payload))
        {
            throw new MySqlProtocolException($"Expected an AuthMoreData packet (0x01), got {EofPayload.Describe(payload)}.");
        }

        return new AuthMoreDataPayload(payload[1..].ToArray());
    }
}
