using ContinuousLoad.MySql.Wire;

namespace ContinuousLoad.Sources.MySql.Protocol.Payloads;

/// <summary>
/// Protocol::AuthSwitchRequest (MySQL Client/Server Protocol, "Authentication Method Switch"): 0xFE,
/// the plugin to use, and its data as sent. The built-in plugins send a 20-byte scramble plus a NUL;
/// MariaDB's ed25519 sends a bare 32-byte nonce whose last byte may be zero, so each plugin takes what it needs.
/// </summary>
public sealed record AuthSwitchRequestPayload(string PluginName, byte[] PluginData)
{
    public static AuthSwitchRequestPayload Create(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var header = reader.ReadByte();
        if (header != 0xFE)
        {
            throw new MySqlProtocolException($"Expected an auth switch request (0xFE), got 0x{header:X2}.");
        }

        var name = reader.ReadNullTerminatedString(endIsTerminator: true);
        var data = reader.ReadToEnd();
        return new AuthSwitchRequestPayload(name, data.ToArray());
    }
}
