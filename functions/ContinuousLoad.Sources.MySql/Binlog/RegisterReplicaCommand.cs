using System.Text;
using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.MySql.Protocol;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// COM_REGISTER_SLAVE (0x15, MySQL Client/Server Protocol "COM_REGISTER_SLAVE"): announces this client as a
/// replica with a server id, so it shows in SHOW SLAVE HOSTS. Server id (4), host, user and password each
/// as a length byte and text (left empty: the server does not use them), port (2), replication rank (4),
/// source id (4). Same in MySQL and MariaDB.
/// </summary>
public static class RegisterReplicaCommand
{
    public static byte[] Create(uint serverId, string host = "")
    {
        var hostBytes = Encoding.UTF8.GetBytes(host);
        using var writer = new PayloadWriter(32 + hostBytes.Length);
        writer.Write((byte)CommandKind.RegisterSlave).WriteUInt32(serverId)
            .Write((byte)Math.Min(hostBytes.Length, 255)).Write(hostBytes.AsSpan(0, Math.Min(hostBytes.Length, 255)))
            .Write(0).Write(0).WriteUInt16(0).WriteUInt32(0).WriteUInt32(0);
        return writer.Payload.ToArray();
    }
}
