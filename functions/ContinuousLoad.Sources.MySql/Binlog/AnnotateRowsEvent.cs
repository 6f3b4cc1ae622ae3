namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>MariaDB ANNOTATE_ROWS_EVENT (type 160): the SQL statement whose row changes follow.</summary>
public sealed record AnnotateRowsEvent(BinlogEventHeader Header, string Sql) : BinlogEvent(Header)
{
    public static AnnotateRowsEvent Create(BinlogEventHeader header, ReadOnlySpan<byte> body)
    {
        var reader = new BinlogSpanReader(body, BinlogEventType.AnnotateRows);
        return new AnnotateRowsEvent(header, reader.ReadString(reader.Remaining, "statement"));
    }
}
