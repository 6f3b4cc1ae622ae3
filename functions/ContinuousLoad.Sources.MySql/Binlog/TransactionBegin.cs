namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>A transaction starts (MariaDB GTID event or QUERY <c>BEGIN</c>; MySQL GTID event).</summary>
public sealed record TransactionBegin(BinlogPosition Position, string? Gtid, DateTimeOffset Time) : BinlogChange(Position, Gtid, Time);
