using System.Buffers.Binary;
using System.Text;
using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.MySql.Protocol;

namespace ContinuousLoad.Tests.Sources.MySql;

/// <summary>The server's reading of a HandshakeResponse41, to check what the client sent.</summary>
public sealed record HandshakeResponse(CapabilityFlags Capabilities, uint MaxPacket, byte Collation, string User, byte[] AuthResponse, string? Database, string Plugin)
{
    public static HandshakeResponse Parse(byte[] payload)
    {
        var capabilities = (CapabilityFlags)BinaryPrimitives.ReadUInt32LittleEndian(payload);
        var maxPacket = BinaryPrimitives.ReadUInt32LittleEndian(payload.AsSpan(4));
        var collation = payload[8];
        Assert.All(payload[9..32], b => Assert.Equal(0, b));
        var offset = 32;
        var user = ReadNullTerminated(payload, ref offset);
        var authLength = payload[offset++];
        var auth = payload[offset..(offset + authLength)];
        offset += authLength;
        var database = capabilities.HasFlag(CapabilityFlags.ConnectWithDatabase) ? ReadNullTerminated(payload, ref offset) : null;
        var plugin = ReadNullTerminated(payload, ref offset);
        Assert.Equal(payload.Length, offset);
        return new HandshakeResponse(capabilities, maxPacket, collation, user, auth, database, plugin);
    }

    private static string ReadNullTerminated(byte[] payload, ref int offset)
    {
        var end = Array.IndexOf(payload, (byte)0, offset);
        var text = Encoding.UTF8.GetString(payload, offset, end - offset);
        offset = end + 1;
        return text;
    }
}
