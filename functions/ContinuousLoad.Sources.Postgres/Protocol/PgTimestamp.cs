namespace ContinuousLoad.Sources.Postgres.Protocol;

/// <summary>Replication timestamps: microseconds since 2000-01-01 00:00 UTC (the PostgreSQL epoch).</summary>
internal static class PgTimestamp
{
    private static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly long MinMicroseconds = (DateTimeOffset.MinValue - Epoch).Ticks / 10;
    private static readonly long MaxMicroseconds = (DateTimeOffset.MaxValue - Epoch).Ticks / 10;

    /// <exception cref="PostgresSourceException">The value lies outside the years 1-9999 (PostgreSQL's own ±infinity among them).</exception>
    public static DateTimeOffset FromMicroseconds(long microseconds) => microseconds >= MinMicroseconds && microseconds <= MaxMicroseconds
        ? Epoch.AddTicks(microseconds * 10)
        : throw new PostgresSourceException(PostgresSourceError.ProtocolViolation, $"pgoutput: timestamp {microseconds} µs from 2000-01-01 is outside the years 1-9999.");

    public static long ToMicroseconds(DateTimeOffset time) => (time - Epoch).Ticks / 10;
}
