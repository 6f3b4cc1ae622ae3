namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// MariaDB GTID_LIST_EVENT (type 163, MariaDB KB "GTID_LIST_EVENT"): the last GTID of every replication
/// domain at the start of a binlog file. A count (low 28 bits; the high 4 are flags), then per domain:
/// domain id (4), server id (4), sequence number (8).
/// </summary>
public sealed record GtidListEvent(BinlogEventHeader Header, IReadOnlyList<MariaDbGtid> Gtids) : BinlogEvent(Header)
{
    private const int EntryLength = 16;

    public static GtidListEvent Create(BinlogEventHeader header, ReadOnlySpan<byte> body)
    {
        var reader = new BinlogSpanReader(body, BinlogEventType.GtidList);
        var count = (int)(reader.ReadUInt32("count") & 0x0FFFFFFF);
        if ((long)count * EntryLength > reader.Remaining)
        {
            throw new BinlogFormatException($"GtidList event: {count} GTIDs need {(long)count * EntryLength} bytes, only {reader.Remaining} are left");
        }

        var gtids = new MariaDbGtid[count];
        for (var i = 0; i < count; i++)
        {
            var domain = reader.ReadUInt32("domain id");
            var server = reader.ReadUInt32("server id");
            gtids[i] = new MariaDbGtid(domain, server, reader.ReadUInt64("sequence number"));
        }

        return new GtidListEvent(header, gtids);
    }
}
