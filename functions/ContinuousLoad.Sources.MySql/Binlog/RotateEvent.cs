namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// ROTATE_EVENT (type 4, MySQL Internals "ROTATE_EVENT"): the stream continues in <see cref="NextFile"/>
/// at <see cref="Position"/>. A dump starts with a "fake" rotate (timestamp 0, next position 0) naming
/// the file it reads; a real one ends each file after FLUSH LOGS or when the file is full.
/// </summary>
public sealed record RotateEvent(BinlogEventHeader Header, ulong Position, string NextFile) : BinlogEvent(Header)
{
    /// <summary>The server made this event for the dump (it is not in the binlog file).</summary>
    public bool IsArtificial => Header.Timestamp == 0 || Header.NextPosition == 0;

    public static RotateEvent Create(BinlogEventHeader header, ReadOnlySpan<byte> body, int postHeaderLength)
    {
        var reader = new BinlogSpanReader(body, BinlogEventType.Rotate);
        var position = postHeaderLength >= 8 ? reader.ReadUInt64("position") : 4;
        if (postHeaderLength > 8)
        {
            reader.Skip(postHeaderLength - 8, "post-header");
        }

        var name = reader.ReadString(reader.Remaining, "next file name");
        if (name.Length == 0)
        {
            throw new BinlogFormatException("Rotate event: expected the next binlog file name, found none");
        }

        return new RotateEvent(header, position, name);
    }
}
