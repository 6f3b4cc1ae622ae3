using ContinuousLoad.Sources.Changes;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>The server had nothing to send for the heartbeat period; the connection is alive.</summary>
public sealed record BinlogHeartbeat(BinlogPoint Position, DateTimeOffset Time) : SourceChange<BinlogPoint>(Position, Time);
