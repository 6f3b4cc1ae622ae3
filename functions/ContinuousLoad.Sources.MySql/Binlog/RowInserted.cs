namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>A row was inserted into <see cref="Table"/>; <see cref="Row"/> is its after image.</summary>
public sealed record RowInserted(BinlogPosition Position, string? Gtid, DateTimeOffset Time, BinlogTableSchema Table, RowImage Row)
    : BinlogChange(Position, Gtid, Time);
