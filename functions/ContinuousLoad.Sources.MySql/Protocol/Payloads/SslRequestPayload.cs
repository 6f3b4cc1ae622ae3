using ContinuousLoad.MySql.Wire;

namespace ContinuousLoad.Sources.MySql.Protocol.Payloads;

/// <summary>
/// Protocol::SSLRequest (MySQL Client/Server Protocol, "SSL Handshake"): the first 32 bytes of a
/// handshake response, sent in clear with the SSL capability set; the TLS handshake follows at once
/// and the full response then travels encrypted with the next sequence id.
/// </summary>
public static class SslRequestPayload
{
    /// <summary>The largest packet the client accepts (1 GB, the protocol maximum for max_allowed_packet).</summary>
    public const uint MaxPacketSize = 1 << 30;

    public static PayloadWriter Create(CapabilityFlags capabilities, byte collation)
    {
        var writer = new PayloadWriter(32);
        WriteFixedPart(writer, capabilities, collation);
        return writer;
    }

    internal static void WriteFixedPart(PayloadWriter writer, CapabilityFlags capabilities, byte collation) =>
        writer.WriteUInt32((uint)capabilities).WriteUInt32(MaxPacketSize).Write(collation).WriteZeros(23);
}
