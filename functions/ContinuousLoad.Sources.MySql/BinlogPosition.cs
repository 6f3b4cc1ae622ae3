namespace ContinuousLoad.Sources.MySql;

/// <summary>
/// A place in the server's binary log: file name and byte offset, as SHOW MASTER STATUS, the
/// snapshot's binlog_snapshot_file/position and COM_BINLOG_DUMP name it. Ordered by file, then offset
/// (binlog file names share a base name and a zero-padded sequence number).
/// </summary>
public sealed record BinlogPosition(string FileName, long Position) : IComparable<BinlogPosition>
{
    public int CompareTo(BinlogPosition? other) =>
        other is null ? 1 : string.CompareOrdinal(FileName, other.FileName) is var byFile and not 0 ? byFile : Position.CompareTo(other.Position);

    public override string ToString() => $"{FileName}:{Position}";
}
