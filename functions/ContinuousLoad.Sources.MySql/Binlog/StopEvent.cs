namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>STOP_EVENT (type 3): the server shut down cleanly; the next events are in the next file.</summary>
public sealed record StopEvent(BinlogEventHeader Header) : BinlogEvent(Header);
