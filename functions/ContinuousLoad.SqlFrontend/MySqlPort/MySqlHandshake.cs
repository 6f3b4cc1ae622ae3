using ContinuousLoad.MySql.Wire;
using ContinuousLoad.MySql.Wire.Authentication;
using ContinuousLoad.Sql.Sessions;

namespace ContinuousLoad.SqlFrontend.MySqlPort;

/// <summary>
/// The connection phase from the server's side (MySQL Client/Server Protocol, "Connection Phase"): the HandshakeV10
/// greeting with a fresh 20-byte scramble and mysql_native_password as the default plugin (as Doris), and the
/// client's HandshakeResponse41 — or first its SSLRequest, which asks for TLS before the response follows.
/// </summary>
internal static class MySqlHandshake
{
    /// <summary>What the port offers; TLS only when a certificate is configured. No multi-statements, no compression.</summary>
    public const CapabilityFlags Capabilities = CapabilityFlags.LongPassword | CapabilityFlags.FoundRows | CapabilityFlags.LongFlag |
        CapabilityFlags.ConnectWithDatabase | CapabilityFlags.Protocol41 | CapabilityFlags.Transactions | CapabilityFlags.SecureConnection |
        CapabilityFlags.PluginAuth | CapabilityFlags.PluginAuthLengthEncodedClientData | CapabilityFlags.ConnectAttributes;

    /// <summary>How long a client may take over each packet of the handshake (MySQL's <c>connect_timeout</c>).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>The longest handshake response accepted (user, scramble answer, database, plugin and connection attributes).</summary>
    public const int MaxResponseLength = 64 * 1024;

    /// <summary>An SSLRequest is the response's fixed part alone: capabilities, packet size, character set, 23 zero bytes.</summary>
    public const int SslRequestLength = 32;

    /// <summary>20 random bytes, none of them NUL (clients read the scramble up to a NUL).</summary>
    public static byte[] NewScramble()
    {
        var scramble = System.Security.Cryptography.RandomNumberGenerator.GetBytes(20);
        for (var i = 0; i < scramble.Length; i++)
        {
            scramble[i] = (byte)(1 + (scramble[i] % 127));
        }

        return scramble;
    }

    /// <summary>Protocol::HandshakeV10.</summary>
    public static PayloadWriter Greeting(PayloadWriter payload, uint connectionId, byte[] scramble, CapabilityFlags capabilities) =>
        payload.Write(10).WriteNullTerminatedString(SystemVariables.ServerVersion).WriteUInt32(connectionId)
            .Write(scramble.AsSpan(0, 8)).Write(0)
            .WriteUInt16((ushort)capabilities).Write((byte)ResultColumnType.Utf8Mb4).WriteUInt16((ushort)ServerStatusFlags.AutoCommit)
            .WriteUInt16((ushort)((uint)capabilities >> 16)).Write((byte)(scramble.Length + 1)).WriteZeros(10)
            .Write(scramble.AsSpan(8)).Write(0).WriteNullTerminatedString(NativePassword.PluginName);

    /// <summary>Protocol::AuthSwitchRequest: asks the client to answer <paramref name="scramble"/> with <paramref name="plugin"/>.</summary>
    public static PayloadWriter SwitchTo(PayloadWriter payload, string plugin, byte[] scramble) =>
        payload.Write(0xFE).WriteNullTerminatedString(plugin).Write(scramble).Write(0);

    /// <summary>The capabilities of an SSLRequest or a HandshakeResponse41 (the fixed part both start with).</summary>
    public static CapabilityFlags ClientCapabilities(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var capabilities = (CapabilityFlags)reader.ReadUInt32();
        return capabilities.HasFlag(CapabilityFlags.Protocol41)
            ? capabilities
            : throw new MySqlProtocolException("The client speaks a protocol older than 4.1, which this server does not; use a MySQL 4.1 or later client.");
    }

    /// <summary>Protocol::HandshakeResponse41.</summary>
    public static ClientResponse ReadResponse(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var capabilities = (CapabilityFlags)reader.ReadUInt32();
        reader.Skip(4 + 1 + 23); // max packet size, character set, filler
        var user = reader.ReadNullTerminatedString();
        byte[] auth;
        if (capabilities.HasFlag(CapabilityFlags.PluginAuthLengthEncodedClientData))
        {
            auth = reader.ReadLengthEncodedBytes().ToArray();
        }
        else if (capabilities.HasFlag(CapabilityFlags.SecureConnection))
        {
            auth = reader.ReadBytes(reader.ReadByte()).ToArray();
        }
        else
        {
            auth = reader.ReadNullTerminatedBytes().ToArray();
        }

        var database = capabilities.HasFlag(CapabilityFlags.ConnectWithDatabase) && !reader.AtEnd ? reader.ReadNullTerminatedString(endIsTerminator: true) : null;
        var plugin = capabilities.HasFlag(CapabilityFlags.PluginAuth) && !reader.AtEnd ? reader.ReadNullTerminatedString(endIsTerminator: true) : null;
        return new ClientResponse(capabilities, user, auth, database is { Length: > 0 } ? database : null, plugin);
    }
}

/// <summary>What a client's HandshakeResponse41 says: its capabilities, the user, the scramble's answer, the first database, the plugin it answered with.</summary>
internal sealed record ClientResponse(CapabilityFlags Capabilities, string User, byte[] AuthResponse, string? Database, string? Plugin);
