namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>The server had nothing to send for the heartbeat period; the connection is alive.</summary>
public sealed record BinlogHeartbeat(BinlogPosition Position, string? Gtid, DateTimeOffset Time) : BinlogChange(Position, Gtid, Time);
