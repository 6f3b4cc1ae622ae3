namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>XID_EVENT (type 16, MySQL Internals "XID_EVENT"): the commit of a transaction on a transactional engine.</summary>
public sealed record XidEvent(BinlogEventHeader Header, ulong Xid) : BinlogEvent(Header)
{
    public static XidEvent Create(BinlogEventHeader header, ReadOnlySpan<byte> body)
    {
        var reader = new BinlogSpanReader(body, BinlogEventType.Xid);
        return new XidEvent(header, reader.ReadUInt64("xid"));
    }
}
