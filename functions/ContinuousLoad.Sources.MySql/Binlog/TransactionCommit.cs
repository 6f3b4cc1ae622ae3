namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// A transaction committed (XID event, or QUERY <c>COMMIT</c> for non-transactional engines). Its
/// <see cref="BinlogChange.Position"/> is the resume point: a stream started there continues with the next
/// transaction, with nothing lost and nothing repeated.
/// </summary>
public sealed record TransactionCommit(BinlogPosition Position, string? Gtid, DateTimeOffset Time, ulong? Xid) : BinlogChange(Position, Gtid, Time);
