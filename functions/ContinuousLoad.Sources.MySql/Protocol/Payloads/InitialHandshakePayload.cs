using ContinuousLoad.MySql.Wire;

namespace ContinuousLoad.Sources.MySql.Protocol.Payloads;

/// <summary>
/// The server's greeting, Protocol::HandshakeV10 (MySQL Client/Server Protocol, "Initial Handshake").
/// The 20-byte scramble arrives in two parts (8 bytes, then at least 13 with a trailing NUL). MariaDB
/// announces itself with a "5.5.5-" version prefix and puts its extended capabilities in the last four
/// of the ten reserved bytes.
/// </summary>
public sealed class InitialHandshakePayload
{
    private InitialHandshakePayload(string serverVersion, uint connectionId, byte[] scramble, CapabilityFlags capabilities,
        byte characterSet, ServerStatusFlags status, string authPluginName, uint mariaDbCapabilities)
    {
        ServerVersion = serverVersion;
        ConnectionId = connectionId;
        Scramble = scramble;
        Capabilities = capabilities;
        CharacterSet = characterSet;
        Status = status;
        AuthPluginName = authPluginName;
        MariaDbCapabilities = mariaDbCapabilities;
    }

    public string ServerVersion { get; }

    public uint ConnectionId { get; }

    /// <summary>The auth plugin data (the nonce), 20 bytes for the built-in plugins, without the trailing NUL.</summary>
    public byte[] Scramble { get; }

    public CapabilityFlags Capabilities { get; }

    public byte CharacterSet { get; }

    public ServerStatusFlags Status { get; }

    /// <summary>The server's default authentication plugin; "mysql_native_password" when none was named.</summary>
    public string AuthPluginName { get; }

    public uint MariaDbCapabilities { get; }

    public static InitialHandshakePayload Create(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var protocol = reader.ReadByte();
        if (protocol != 10)
        {
            throw new MySqlProtocolException($"Expected a protocol 10 handshake (first byte 0x0A), got 0x{protocol:X2}; this server speaks an unsupported protocol.");
        }

        var version = reader.ReadNullTerminatedString();
        var connectionId = reader.ReadUInt32();
        var scramble = new List<byte>(reader.ReadBytes(8).ToArray());
        reader.Skip(1);
        var capabilities = (CapabilityFlags)reader.ReadUInt16();
        byte characterSet = 0;
        var status = ServerStatusFlags.None;
        var pluginName = "mysql_native_password";
        uint mariaDbCapabilities = 0;
        if (!reader.AtEnd)
        {
            characterSet = reader.ReadByte();
            status = (ServerStatusFlags)reader.ReadUInt16();
            capabilities |= (CapabilityFlags)((uint)reader.ReadUInt16() << 16);
            var scrambleLength = reader.ReadByte();
            reader.Skip(6);
            mariaDbCapabilities = reader.ReadUInt32();
            if (capabilities.HasFlag(CapabilityFlags.SecureConnection))
            {
                var part2 = reader.ReadBytes(Math.Max(13, scrambleLength - 8));
                scramble.AddRange(part2.Length > 0 && part2[^1] == 0 ? part2[..^1] : part2);
            }

            if (capabilities.HasFlag(CapabilityFlags.PluginAuth) && !reader.AtEnd)
            {
                // Some servers omit the final NUL; the payload end terminates the name then.
                pluginName = reader.ReadNullTerminatedString(endIsTerminator: true);
            }
        }

        return new InitialHandshakePayload(version, connectionId, [.. scramble], capabilities, characterSet, status, pluginName, mariaDbCapabilities);
    }
}
