namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>A row of <see cref="Table"/> changed from <see cref="Before"/> to <see cref="After"/>.</summary>
public sealed record RowUpdated(BinlogPosition Position, string? Gtid, DateTimeOffset Time, BinlogTableSchema Table, RowImage Before, RowImage After)
    : BinlogChange(Position, Gtid, Time);
