using System.Text;
using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.MySql.Protocol;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// COM_BINLOG_DUMP (0x12, MySQL Client/Server Protocol "COM_BINLOG_DUMP"): position (4), flags (2; 1 =
/// BINLOG_DUMP_NON_BLOCK: end with EOF at the end of the binlog instead of waiting), server id (4), file
/// name to the end of the payload. MariaDB starts from its <c>@slave_connect_state</c> GTID state when the
/// file name is empty. The 4-byte position limits file+offset starts to the first 4 GB of a file.
/// </summary>
public static class BinlogDumpCommand
{
    public const ushort NonBlockingFlag = 1;

    public static byte[] Create(string fileName, long position, uint serverId, bool nonBlocking)
    {
        if (position is < 0 or > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(position), position, "COM_BINLOG_DUMP carries a 4-byte position.");
        }

        using var writer = new PayloadWriter(16 + Encoding.UTF8.GetMaxByteCount(fileName.Length));
        writer.Write((byte)CommandKind.BinlogDump).WriteUInt32((uint)position)
            .WriteUInt16(nonBlocking ? NonBlockingFlag : (ushort)0).WriteUInt32(serverId).WriteString(fileName);
        return writer.Payload.ToArray();
    }
}
