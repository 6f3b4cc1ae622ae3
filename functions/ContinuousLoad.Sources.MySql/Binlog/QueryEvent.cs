namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// QUERY_EVENT (type 2, MySQL Internals "QUERY_EVENT"): a statement logged as text. In ROW format these
/// are transaction markers (<c>BEGIN</c>, <c>COMMIT</c> for non-transactional engines) and DDL. The status
/// variables block is skipped by its declared length: its contents differ between MySQL and MariaDB and
/// between versions, and nothing here needs them.
/// </summary>
public sealed record QueryEvent(
    BinlogEventHeader Header, uint ThreadId, uint ExecutionSeconds, ushort ErrorCode, string Schema, string Sql)
    : BinlogEvent(Header)
{
    private const int MinimumPostHeaderLength = 13;

    public bool IsBegin => Sql.Equals("BEGIN", StringComparison.OrdinalIgnoreCase);

    public bool IsCommit => Sql.Equals("COMMIT", StringComparison.OrdinalIgnoreCase);

    public bool IsRollback => Sql.Equals("ROLLBACK", StringComparison.OrdinalIgnoreCase);

    public static QueryEvent Create(BinlogEventHeader header, ReadOnlySpan<byte> body, int postHeaderLength)
    {
        if (postHeaderLength < MinimumPostHeaderLength)
        {
            throw new BinlogFormatException($"Query event: expected a post-header of at least {MinimumPostHeaderLength} bytes, the format description says {postHeaderLength}");
        }

        var reader = new BinlogSpanReader(body, BinlogEventType.Query);
        var threadId = reader.ReadUInt32("thread id");
        var executionSeconds = reader.ReadUInt32("execution time");
        var schemaLength = reader.ReadByte("schema length");
        var errorCode = reader.ReadUInt16("error code");
        var statusLength = reader.ReadUInt16("status variables length");
        reader.Skip(postHeaderLength - MinimumPostHeaderLength, "post-header");
        reader.Skip(statusLength, "status variables");
        var schema = reader.ReadStringWithTerminator(schemaLength, "schema");
        var sql = reader.ReadString(reader.Remaining, "statement");
        return new QueryEvent(header, threadId, executionSeconds, errorCode, schema, sql);
    }
}
