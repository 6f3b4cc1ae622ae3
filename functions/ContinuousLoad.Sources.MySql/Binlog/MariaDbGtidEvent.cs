namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// MariaDB GTID_EVENT (type 162, MariaDB KB "GTID_EVENT"): starts an event group. Post-header: sequence
/// number (8), domain id (4), flags (1), then a commit id (8) when <c>FL_GROUP_COMMIT_ID</c> is set; the
/// server id is the header's. A group without <c>FL_STANDALONE</c> is a transaction (a QUERY BEGIN follows
/// in MariaDB 10.x); a standalone one is a single DDL or non-transactional statement.
/// </summary>
public sealed record MariaDbGtidEvent(BinlogEventHeader Header, MariaDbGtid Gtid, byte Flags, ulong? CommitId)
    : BinlogEvent(Header)
{
    public const byte StandaloneFlag = 1;
    public const byte GroupCommitIdFlag = 2;
    public const byte TransactionalFlag = 4;
    public const byte DdlFlag = 32;

    public bool IsStandalone => (Flags & StandaloneFlag) != 0;

    public bool IsDdl => (Flags & DdlFlag) != 0;

    public static MariaDbGtidEvent Create(BinlogEventHeader header, ReadOnlySpan<byte> body)
    {
        var reader = new BinlogSpanReader(body, BinlogEventType.MariaDbGtid);
        var sequence = reader.ReadUInt64("sequence number");
        var domain = reader.ReadUInt32("domain id");
        var flags = reader.ReadByte("flags");
        ulong? commitId = (flags & GroupCommitIdFlag) != 0 ? reader.ReadUInt64("commit id") : null;
        return new MariaDbGtidEvent(header, new MariaDbGtid(domain, header.ServerId, sequence), flags, commitId);
    }
}
