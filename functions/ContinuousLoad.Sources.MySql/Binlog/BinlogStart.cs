namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// Where a change stream starts: a binlog file and offset (the position of a
/// <see cref="TransactionCommit"/>, a snapshot's position, SHOW MASTER STATUS), or a GTID state. MariaDB
/// takes its <c>gtid_slave_pos</c> form (<c>0-1-42</c>, one GTID per domain, comma-separated) and starts
/// after those transactions; MySQL takes a GTID set (<c>uuid:1-42</c>) of transactions already seen.
/// </summary>
public sealed record BinlogStart
{
    private BinlogStart(BinlogPosition? position, string? gtidState)
    {
        Position = position;
        GtidState = gtidState;
    }

    public BinlogPosition? Position { get; }

    public string? GtidState { get; }

    public static BinlogStart At(BinlogPosition position) => new(position, null);

    public static BinlogStart At(string fileName, long position) => new(new BinlogPosition(fileName, position), null);

    public static BinlogStart AfterGtids(string gtidState) => new(null, gtidState);

    public override string ToString() => Position?.ToString() ?? $"GTID {GtidState}";
}
