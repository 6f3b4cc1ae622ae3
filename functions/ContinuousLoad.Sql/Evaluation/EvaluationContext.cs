namespace ContinuousLoad.Sql.Evaluation;

/// <summary>
/// What expressions may depend on besides their row: the session time zone (Doris's <c>time_zone</c>,
/// the Stream Load <c>timezone</c> header) and the statement's start time, which <c>now()</c> returns
/// for every row, as in Doris.
/// </summary>
public sealed class EvaluationContext(TimeZoneInfo timeZone, DateTime statementStartUtc)
{
    public TimeZoneInfo TimeZone { get; } = timeZone;

    public DateTime StatementStartUtc { get; } = DateTime.SpecifyKind(statementStartUtc, DateTimeKind.Utc);

    /// <summary>The statement start in the session time zone, in microseconds since 0001-01-01.</summary>
    public long NowMicros { get; } = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(statementStartUtc, DateTimeKind.Utc), timeZone).Ticks / 10;

    /// <summary>Local wall-clock microseconds to seconds since the Unix epoch (UTC).</summary>
    public long ToUnixSeconds(long localMicros)
    {
        var local = new DateTime(localMicros * 10, DateTimeKind.Unspecified);
        var utc = TimeZone.IsInvalidTime(local)
            ? local - TimeZone.GetUtcOffset(local.AddHours(-1)) // skipped by a DST jump: use the offset before it
            : TimeZoneInfo.ConvertTimeToUtc(local, TimeZone);
        return (long)(utc - DateTime.UnixEpoch).TotalSeconds;
    }

    /// <summary>Seconds since the Unix epoch to local wall-clock microseconds in the session time zone.</summary>
    public long FromUnixSeconds(long seconds) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.UnixEpoch.AddSeconds(seconds), TimeZone).Ticks / 10;

    /// <summary>Parses a Doris <c>timezone</c> value: an IANA name, <c>UTC</c>, or an offset such as <c>+08:00</c>.</summary>
    public static TimeZoneInfo? FindTimeZone(string name)
    {
        var text = name.Trim();
        if (text.Equals("UTC", StringComparison.OrdinalIgnoreCase) || text.Equals("GMT", StringComparison.OrdinalIgnoreCase) || text == "Z")
        {
            return TimeZoneInfo.Utc;
        }

        if (text.Length >= 3 && text[0] is '+' or '-' && TimeSpan.TryParseExact(text[1..], ["hh\\:mm", "h\\:mm", "hh", "h"],
                System.Globalization.CultureInfo.InvariantCulture, out var offset) && offset <= TimeSpan.FromHours(14))
        {
            var signed = text[0] == '-' ? -offset : offset;
            return TimeZoneInfo.CreateCustomTimeZone(text, signed, text, text);
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(text);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or System.Security.SecurityException
                                      or UnauthorizedAccessException or IOException or ArgumentException)
        {
            return null;
        }
    }
}
