namespace ContinuousLoad.Sources.Postgres.Values;

/// <summary>
/// Reads PostgreSQL's ISO date/time output (DateStyle=ISO, set on every connection of ours):
/// <c>2024-02-29</c>, <c>13:05:00.25</c>, <c>2024-02-29 13:05:00.25</c>, <c>...+05:30</c>. Infinite dates
/// and timestamps become the CLR type's Min/MaxValue; years before 1 (BC) or after 9999 cannot be held
/// by the CLR types and are refused (the decoder reports the value).
/// </summary>
internal static class DateTimeText
{
    public static bool TryParseDate(ReadOnlySpan<byte> text, out DateOnly date)
    {
        date = default;
        if (IsInfinity(text, out var positive))
        {
            date = positive ? DateOnly.MaxValue : DateOnly.MinValue;
            return true;
        }

        var at = 0;
        if (!TryReadDate(text, ref at, out var year, out var month, out var day) || at != text.Length)
        {
            return false;
        }

        return TryMakeDate(year, month, day, out date);
    }

    public static bool TryParseTime(ReadOnlySpan<byte> text, out TimeSpan time)
    {
        var at = 0;
        return TryReadTime(text, ref at, out time) && at == text.Length;
    }

    public static bool TryParseTimeTz(ReadOnlySpan<byte> text, out TimeWithOffset value)
    {
        value = default;
        var at = 0;
        if (!TryReadTime(text, ref at, out var time) || !TryReadOffset(text, ref at, out var offset) || at != text.Length)
        {
            return false;
        }

        value = new TimeWithOffset(time, offset);
        return true;
    }

    public static bool TryParseTimestamp(ReadOnlySpan<byte> text, out DateTime value)
    {
        value = default;
        if (IsInfinity(text, out var positive))
        {
            value = positive ? DateTime.MaxValue : DateTime.MinValue;
            return true;
        }

        var at = 0;
        if (!TryReadDate(text, ref at, out var year, out var month, out var day) || at >= text.Length || text[at++] != ' '
            || !TryReadTime(text, ref at, out var time) || at != text.Length || !TryMakeDate(year, month, day, out var date))
        {
            return false;
        }

        value = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified) + time;
        return true;
    }

    public static bool TryParseTimestampTz(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (IsInfinity(text, out var positive))
        {
            value = positive ? DateTimeOffset.MaxValue : DateTimeOffset.MinValue;
            return true;
        }

        var at = 0;
        if (!TryReadDate(text, ref at, out var year, out var month, out var day) || at >= text.Length || text[at++] != ' '
            || !TryReadTime(text, ref at, out var time) || !TryReadOffset(text, ref at, out var offset) || at != text.Length
            || !TryMakeDate(year, month, day, out var date))
        {
            return false;
        }

        // Offsets with seconds (historic local mean time) are rounded away by DateTimeOffset; with TimeZone=UTC they never occur.
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified) + time;
        value = new DateTimeOffset(local - offset, TimeSpan.Zero);
        return true;
    }

    private static bool IsInfinity(ReadOnlySpan<byte> text, out bool positive)
    {
        positive = text.SequenceEqual("infinity"u8);
        return positive || text.SequenceEqual("-infinity"u8);
    }

    private static bool TryMakeDate(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryReadDate(ReadOnlySpan<byte> text, ref int at, out int year, out int month, out int day)
    {
        month = day = 0;
        return TryReadNumber(text, ref at, 4, 9, out year) && Expect(text, ref at, (byte)'-')
            && TryReadNumber(text, ref at, 2, 2, out month) && Expect(text, ref at, (byte)'-')
            && TryReadNumber(text, ref at, 2, 2, out day);
    }

    private static bool TryReadTime(ReadOnlySpan<byte> text, ref int at, out TimeSpan time)
    {
        time = default;
        if (!TryReadNumber(text, ref at, 2, 2, out var hour) || !Expect(text, ref at, (byte)':')
            || !TryReadNumber(text, ref at, 2, 2, out var minute) || !Expect(text, ref at, (byte)':')
            || !TryReadNumber(text, ref at, 2, 2, out var second))
        {
            return false;
        }

        long ticks = 0;
        if (at < text.Length && text[at] == '.')
        {
            at++;
            var scale = TimeSpan.TicksPerSecond;
            var start = at;
            while (at < text.Length && char.IsAsciiDigit((char)text[at]))
            {
                scale /= 10;
                ticks += (text[at++] - '0') * scale;
            }

            if (at == start || at - start > 6)
            {
                return false;
            }
        }

        if (hour > 24 || minute > 59 || second > 60)
        {
            return false;
        }

        time = new TimeSpan(hour, minute, second) + TimeSpan.FromTicks(ticks);
        return true;
    }

    private static bool TryReadOffset(ReadOnlySpan<byte> text, ref int at, out TimeSpan offset)
    {
        offset = default;
        if (at >= text.Length || text[at] is not ((byte)'+' or (byte)'-'))
        {
            return false;
        }

        var negative = text[at++] == '-';
        if (!TryReadNumber(text, ref at, 2, 2, out var hours))
        {
            return false;
        }

        int minutes = 0, seconds = 0;
        if (at < text.Length && text[at] == ':' && !(++at > 0 && TryReadNumber(text, ref at, 2, 2, out minutes)))
        {
            return false;
        }

        if (at < text.Length && text[at] == ':' && !(++at > 0 && TryReadNumber(text, ref at, 2, 2, out seconds)))
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, seconds);
        if (negative)
        {
            offset = -offset;
        }

        return true;
    }

    private static bool TryReadNumber(ReadOnlySpan<byte> text, ref int at, int minDigits, int maxDigits, out int value)
    {
        value = 0;
        var start = at;
        while (at < text.Length && at - start < maxDigits && char.IsAsciiDigit((char)text[at]))
        {
            value = (value * 10) + (text[at++] - '0');
        }

        return at - start >= minDigits;
    }

    private static bool Expect(ReadOnlySpan<byte> text, ref int at, byte expected)
    {
        if (at < text.Length && text[at] == expected)
        {
            at++;
            return true;
        }

        return false;
    }
}
