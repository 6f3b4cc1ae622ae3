namespace ContinuousLoad.Sources.Postgres.Protocol;

/// <summary>Replication timestamps: microseconds since 2000-01-01 00:00 UTC (the PostgreSQL epoch).</summary>
internal static class PgTimestamp
{
    private static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset FromMicroseconds(long microseconds) => Epoch.AddTicks(microseconds * 10);

    public static long ToMicroseconds(DateTimeOffset time) => (time - Epoch).Ticks / 10;
}
