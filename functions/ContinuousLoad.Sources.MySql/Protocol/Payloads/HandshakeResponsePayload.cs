using System.Text;
using ContinuousLoad.MySql.Wire;

namespace ContinuousLoad.Sources.MySql.Protocol.Payloads;

/// <summary>
/// The client's answer to the greeting, Protocol::HandshakeResponse41 (MySQL Client/Server Protocol,
/// "Handshake Response"): capabilities, max packet size, collation, 23 zero bytes, user, auth response
/// (length-encoded when both sides allow it, else one length byte), database, plugin name.
/// </summary>
public static class HandshakeResponsePayload
{
    public static PayloadWriter Create(CapabilityFlags capabilities, byte collation, string user, ReadOnlySpan<byte> authResponse,
        string? database, string authPluginName)
    {
        var writer = new PayloadWriter(128);
        SslRequestPayload.WriteFixedPart(writer, capabilities, collation);
        writer.Write(Encoding.UTF8.GetBytes(user)).Write(0);
        if (capabilities.HasFlag(CapabilityFlags.PluginAuthLengthEncodedClientData))
        {
            writer.WriteLengthEncodedBytes(authResponse);
        }
        else
        {
            writer.Write((byte)authResponse.Length).Write(authResponse);
        }

        if (capabilities.HasFlag(CapabilityFlags.ConnectWithDatabase))
        {
            writer.WriteNullTerminatedString(database ?? "");
        }

        if (capabilities.HasFlag(CapabilityFlags.PluginAuth))
        {
            writer.WriteNullTerminatedString(authPluginName);
        }

        return writer;
    }
}
