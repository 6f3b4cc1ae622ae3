namespace ContinuousLoad.Sql.Conversion;

/// <summary>
/// Reads dates and datetimes in the forms Doris accepts: <c>2024-01-02</c>, <c>2024/1/2</c>,
/// <c>20240102</c>, <c>2024-01-02 03:04:05.123456</c>, <c>2024-01-02T03:04:05Z</c>, <c>20240102030405</c>,
/// with an optional zone suffix (<c>Z</c>, <c>+08:00</c>) that shifts the value into the session zone.
/// </summary>
public static class TemporalText
{
    private const long MicrosPerDay = 86_400_000_000;

    /// <summary>9999-12-31 23:59:59.999999, the last datetime there is.</summary>
    public const long MaxDateTimeMicros = 315_537_897_599_999_999;

    /// <summary>Parses a datetime; <paramref name="precision"/> fraction digits are kept (rounded half up).</summary>
    /// <returns>Microseconds since 0001-01-01 in the session zone, or null when the text is not a datetime.</returns>
    public static long? ParseDateTime(ReadOnlySpan<char> text, int precision, TimeZoneInfo sessionZone)
    {
        text = text.Trim();
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        DateOnly date;
        long time = 0;
        if (digits == 14)
        {
            // YYYYMMDDHHMMSS[.ffffff][zone]
            if (!MakeDate(Number(text[..4]), Number(text[4..6]), Number(text[6..8]), out date)
                || !TryMakeTime(Number(text[8..10]), Number(text[10..12]), Number(text[12..14]), out time))
            {
                return null;
            }

            text = text[14..];
            time += TakeFraction(ref text);
        }
        else
        {
            if (digits == 8)
            {
                if (!MakeDate(Number(text[..4]), Number(text[4..6]), Number(text[6..8]), out date))
                {
                    return null;
                }

                text = text[8..];
            }
            else if (!TryParseSeparatedDate(ref text, digits, out date))
            {
                return null;
            }

            if (!text.IsEmpty && text[0] is ' ' or 'T' or 't')
            {
                text = text[1..].TrimStart();
                if (!TryParseTime(ref text, out time))
                {
                    return null;
                }
            }
        }

        var micros = (long)date.DayNumber * MicrosPerDay + RoundToPrecision(time, precision);
        if (text.IsEmpty)
        {
            return micros;
        }

        if (ParseZone(text) is not { } offset)
        {
            return null;
        }

        // Shift from the written zone into the session zone.
        var written = new DateTime(micros * 10, DateTimeKind.Unspecified);
        if (written.Ticks < TimeSpan.TicksPerDay * 2 || written > DateTime.MaxValue.AddDays(-2))
        {
            return null;
        }

        var utc = DateTime.SpecifyKind(written - offset, DateTimeKind.Utc);
        return TimeZoneInfo.ConvertTimeFromUtc(utc, sessionZone).Ticks / 10;
    }

    /// <summary>Parses a date; a time part, if present, must be valid and is dropped.</summary>
    public static DateOnly? ParseDate(ReadOnlySpan<char> text, TimeZoneInfo sessionZone) =>
        ParseDateTime(text, 6, sessionZone) is { } micros ? DateOnly.FromDayNumber((int)(micros / MicrosPerDay)) : null;

    /// <summary>Reads <c>Y-M-D</c> with '-', '/' or '.' separators; two-digit years as MySQL (70–99 → 19xx).</summary>
    private static bool TryParseSeparatedDate(ref ReadOnlySpan<char> text, int yearDigits, out DateOnly date)
    {
        date = default;
        if (yearDigits is < 1 or > 4)
        {
            return false;
        }

        var year = Number(text[..yearDigits]);
        if (yearDigits == 2)
        {
            year += year < 70 ? 2000 : 1900;
        }

        var rest = text[yearDigits..];
        if (rest.IsEmpty || rest[0] is not ('-' or '/' or '.'))
        {
            return false;
        }

        var separator = rest[0];
        rest = rest[1..];
        if (!TryTakeNumber(ref rest, 2, out var month) || rest.IsEmpty || rest[0] != separator)
        {
            return false;
        }

        rest = rest[1..];
        if (!TryTakeNumber(ref rest, 2, out var day))
        {
            return false;
        }

        text = rest;
        return MakeDate(year, month, day, out date);
    }

    private static bool TryMakeTime(int hour, int minute, int second, out long micros)
    {
        micros = ((hour * 60L + minute) * 60 + second) * 1_000_000;
        return hour is >= 0 and <= 23 && minute is >= 0 and <= 59 && second is >= 0 and <= 59;
    }

    /// <summary>Reads <c>.ffffff</c> (any number of digits, rounded to microseconds) if present.</summary>
    private static long TakeFraction(ref ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text[0] != '.')
        {
            return 0;
        }

        text = text[1..];
        var digits = 0;
        long value = 0;
        while (!text.IsEmpty && char.IsAsciiDigit(text[0]))
        {
            if (digits < 7)
            {
                value = value * 10 + (text[0] - '0');
            }

            digits++;
            text = text[1..];
        }

        // Seven digits are kept to round the sixth.
        for (var d = Math.Min(digits, 7); d < 7; d++)
        {
            value *= 10;
        }

        return (value + 5) / 10;
    }

    private static bool TryParseTime(ref ReadOnlySpan<char> text, out long micros)
    {
        micros = 0;
        if (!TryTakeNumber(ref text, 2, out var hour))
        {
            return false;
        }

        var minute = 0;
        var second = 0;
        if (!text.IsEmpty && text[0] == ':')
        {
            text = text[1..];
            if (!TryTakeNumber(ref text, 2, out minute))
            {
                return false;
            }

            if (!text.IsEmpty && text[0] == ':')
            {
                text = text[1..];
                if (!TryTakeNumber(ref text, 2, out second))
                {
                    return false;
                }
            }
        }

        if (!TryMakeTime(hour, minute, second, out micros))
        {
            return false;
        }

        micros += TakeFraction(ref text);
        return true;
    }

    /// <summary>Rounds microseconds half up to <paramref name="precision"/> fraction digits.</summary>
    public static long RoundToPrecision(long micros, int precision)
    {
        if (precision >= 6)
        {
            return micros;
        }

        var unit = precision switch { 0 => 1_000_000L, 1 => 100_000L, 2 => 10_000L, 3 => 1_000L, 4 => 100L, _ => 10L };
        return (micros + unit / 2) / unit * unit;
    }

    private static TimeSpan? ParseZone(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text is "Z" or "z" || text.Equals("UTC", StringComparison.OrdinalIgnoreCase))
        {
            return TimeSpan.Zero;
        }

        if (text.Length < 2 || text[0] is not ('+' or '-'))
        {
            return null;
        }

        var body = text[1..];
        int hours, minutes = 0;
        if (body.Length == 5 && body[2] == ':')
        {
            hours = Number(body[..2]);
            minutes = Number(body[3..]);
        }
        else if (body.Length == 4)
        {
            hours = Number(body[..2]);
            minutes = Number(body[2..]);
        }
        else if (body.Length is 1 or 2)
        {
            hours = Number(body);
        }
        else
        {
            return null;
        }

        if (hours < 0 || minutes < 0 || hours > 14 || minutes > 59)
        {
            return null;
        }

        var offset = new TimeSpan(hours, minutes, 0);
        return text[0] == '-' ? -offset : offset;
    }

    private static bool TryTakeNumber(ref ReadOnlySpan<char> text, int maxDigits, out int value)
    {
        value = 0;
        var digits = 0;
        while (digits < text.Length && digits < maxDigits && char.IsAsciiDigit(text[digits]))
        {
            value = value * 10 + (text[digits] - '0');
            digits++;
        }

        text = text[digits..];
        return digits > 0;
    }

    private static int Number(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return -1;
            }

            value = value * 10 + (c - '0');
        }

        return value;
    }

    private static bool MakeDate(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }
}
