namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// One decoded binlog event. The hierarchy is closed: <see cref="BinlogEventParser"/> produces one of the
/// types in this folder, and events it does not decode become <see cref="UnknownEvent"/> (skipped by length).
/// </summary>
public abstract record BinlogEvent(BinlogEventHeader Header)
{
    public BinlogEventType EventType => Header.EventType;
}
