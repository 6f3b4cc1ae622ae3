using System.Text;
using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.MySql.Protocol;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// MySQL's COM_BINLOG_DUMP_GTID (0x1E, MySQL Client/Server Protocol "COM_BINLOG_DUMP_GTID"): flags (2;
/// 1 = non-blocking, 4 = BINLOG_THROUGH_GTID), server id (4), file name length (4), file name, position
/// (8), then with flag 4 the GTID set of transactions already received: its byte size (4) and the
/// encoded set (<see cref="MySqlGtidSet.Encode"/>). The server sends every transaction not in the set.
/// MariaDB does not know this command; it starts from GTIDs through <c>@slave_connect_state</c>.
/// </summary>
public static class BinlogDumpGtidCommand
{
    public const ushort ThroughGtidFlag = 4;

    public static byte[] Create(string gtidSet, uint serverId, bool nonBlocking, string fileName = "", long position = 4)
    {
        var set = MySqlGtidSet.Encode(gtidSet);
        var name = Encoding.UTF8.GetBytes(fileName);
        using var writer = new PayloadWriter(32 + name.Length + set.Length);
        writer.Write((byte)CommandKind.BinlogDumpGtid)
            .WriteUInt16((ushort)(ThroughGtidFlag | (nonBlocking ? BinlogDumpCommand.NonBlockingFlag : 0)))
            .WriteUInt32(serverId).WriteUInt32((uint)name.Length).Write(name).WriteUInt64((ulong)position)
            .WriteUInt32((uint)set.Length).Write(set);
        return writer.Payload.ToArray();
    }
}
