namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>A row was deleted from <see cref="Table"/>; <see cref="Row"/> is its before image.</summary>
public sealed record RowDeleted(BinlogPosition Position, string? Gtid, DateTimeOffset Time, BinlogTableSchema Table, RowImage Row)
    : BinlogChange(Position, Gtid, Time);
