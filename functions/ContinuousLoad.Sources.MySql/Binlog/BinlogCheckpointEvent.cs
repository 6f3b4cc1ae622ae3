namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// MariaDB BINLOG_CHECKPOINT_EVENT (type 161): the oldest binlog file the server still needs for crash
/// recovery. A 4-byte name length, then the name.
/// </summary>
public sealed record BinlogCheckpointEvent(BinlogEventHeader Header, string File) : BinlogEvent(Header)
{
    public static BinlogCheckpointEvent Create(BinlogEventHeader header, ReadOnlySpan<byte> body)
    {
        var reader = new BinlogSpanReader(body, BinlogEventType.BinlogCheckpoint);
        var length = reader.ReadUInt32("file name length");
        if (length > (uint)reader.Remaining)
        {
            throw new BinlogFormatException($"BinlogCheckpoint event: the file name length says {length}, only {reader.Remaining} bytes are left");
        }

        return new BinlogCheckpointEvent(header, reader.ReadString((int)length, "file name"));
    }
}
