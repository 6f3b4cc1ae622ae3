namespace ContinuousLoad.Durable.Sqlite;

/// <summary>Times as the backend stores them: Unix milliseconds, UTC.</summary>
internal static class UnixMs
{
    public static long Of(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    /// <summary>Rounded up, so a timer is never taken before its time.</summary>
    public static long Ceiling(DateTime utc) => Of(utc) + (utc.Ticks % TimeSpan.TicksPerMillisecond == 0 ? 0 : 1);

    public static DateTime ToUtc(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
}
