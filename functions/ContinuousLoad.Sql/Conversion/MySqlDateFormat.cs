using System.Globalization;
using System.Text;

namespace ContinuousLoad.Sql.Conversion;

/// <summary>
/// MySQL/Doris date format specifiers (<c>%Y-%m-%d %H:%i:%s</c>) for <c>date_format</c>,
/// <c>from_unixtime</c> and <c>str_to_date</c>. The Java-style forms Doris also accepts
/// (<c>yyyy-MM-dd HH:mm:ss</c>, <c>yyyy-MM-dd</c>, <c>yyyyMMdd</c>) map to their MySQL equivalents.
/// </summary>
public static class MySqlDateFormat
{
    private static readonly string[] MonthNames = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames;
    private static readonly string[] DayNames = CultureInfo.InvariantCulture.DateTimeFormat.DayNames;

    public static string Normalize(string format) => format switch
    {
        "yyyy-MM-dd HH:mm:ss" => "%Y-%m-%d %H:%i:%s",
        "yyyy-MM-dd" => "%Y-%m-%d",
        "yyyyMMdd" => "%Y%m%d",
        "yyyy-MM-dd HH:mm" => "%Y-%m-%d %H:%i",
        _ => format,
    };

    /// <summary>True when the format has a specifier for a time of day (str_to_date then returns a DATETIME).</summary>
    public static bool HasTimePart(string format)
    {
        format = Normalize(format);
        for (var i = 0; i + 1 < format.Length; i++)
        {
            if (format[i] == '%')
            {
                if ("HhIiklSsfpTr".Contains(format[i + 1], StringComparison.Ordinal))
                {
                    return true;
                }

                i++;
            }
        }

        return false;
    }

    public static string Format(long micros, string format)
    {
        format = Normalize(format);
        var dateTime = new DateTime(micros * 10, DateTimeKind.Unspecified);
        var text = new StringBuilder(format.Length + 8);
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%' || i + 1 >= format.Length)
            {
                text.Append(c);
                continue;
            }

            var spec = format[++i];
            var hour12 = dateTime.Hour % 12 == 0 ? 12 : dateTime.Hour % 12;
            switch (spec)
            {
                case 'a': text.Append(DayNames[(int)dateTime.DayOfWeek][..3]); break;
                case 'b': text.Append(MonthNames[dateTime.Month - 1][..3]); break;
                case 'c': text.Append(dateTime.Month); break;
                case 'D': text.Append(dateTime.Day).Append(Suffix(dateTime.Day)); break;
                case 'd': Two(text, dateTime.Day); break;
                case 'e': text.Append(dateTime.Day); break;
                case 'f': text.Append((micros % 1_000_000).ToString("D6", CultureInfo.InvariantCulture)); break;
                case 'H': Two(text, dateTime.Hour); break;
                case 'h' or 'I': Two(text, hour12); break;
                case 'i': Two(text, dateTime.Minute); break;
                case 'j': text.Append(dateTime.DayOfYear.ToString("D3", CultureInfo.InvariantCulture)); break;
                case 'k': text.Append(dateTime.Hour); break;
                case 'l': text.Append(hour12); break;
                case 'M': text.Append(MonthNames[dateTime.Month - 1]); break;
                case 'm': Two(text, dateTime.Month); break;
                case 'p': text.Append(dateTime.Hour < 12 ? "AM" : "PM"); break;
                case 'r':
                    Two(text, hour12).Append(':');
                    Two(text, dateTime.Minute).Append(':');
                    Two(text, dateTime.Second).Append(dateTime.Hour < 12 ? " AM" : " PM");
                    break;
                case 'S' or 's': Two(text, dateTime.Second); break;
                case 'T':
                    Two(text, dateTime.Hour).Append(':');
                    Two(text, dateTime.Minute).Append(':');
                    Two(text, dateTime.Second);
                    break;
                case 'U': Two(text, WeekSundayFirst(dateTime)); break;
                case 'u': Two(text, WeekMondayFirst(dateTime)); break;
                case 'V': Two(text, WeekSundayFirst(dateTime) is var w && w == 0 ? WeekSundayFirst(new DateTime(dateTime.Year - 1, 12, 31)) : w); break;
                case 'v': Two(text, ISOWeek.GetWeekOfYear(dateTime)); break;
                case 'W': text.Append(DayNames[(int)dateTime.DayOfWeek]); break;
                case 'w': text.Append((int)dateTime.DayOfWeek); break;
                case 'X': text.Append((WeekSundayFirst(dateTime) == 0 ? dateTime.Year - 1 : dateTime.Year).ToString("D4", CultureInfo.InvariantCulture)); break;
                case 'x': text.Append(ISOWeek.GetYear(dateTime).ToString("D4", CultureInfo.InvariantCulture)); break;
                case 'Y': text.Append(dateTime.Year.ToString("D4", CultureInfo.InvariantCulture)); break;
                case 'y': Two(text, dateTime.Year % 100); break;
                default: text.Append(spec); break;
            }
        }

        return text.ToString();
    }

    /// <summary>Reads <paramref name="text"/> against <paramref name="format"/>; null when it does not match or names an impossible date.</summary>
    /// <returns>Microseconds since 0001-01-01.</returns>
    public static long? Parse(string text, string format)
    {
        format = Normalize(format);
        int year = 1, month = 1, day = 1, hour = 0, minute = 0, second = 0, dayOfYear = 0;
        long fraction = 0;
        bool? pm = null;
        var position = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%' || i + 1 >= format.Length)
            {
                if (char.IsWhiteSpace(c))
                {
                    while (position < text.Length && char.IsWhiteSpace(text[position]))
                    {
                        position++;
                    }
                }
                else if (position < text.Length && text[position] == c)
                {
                    position++;
                }
                else
                {
                    return null;
                }

                continue;
            }

            var spec = format[++i];
            var ok = spec switch
            {
                'Y' => Number(text, ref position, 4, out year),
                'y' => Number(text, ref position, 2, out year) && (year += year < 70 ? 2000 : 1900) > 0,
                'm' or 'c' => Number(text, ref position, 2, out month),
                'd' or 'e' => Number(text, ref position, 2, out day),
                'H' or 'k' or 'h' or 'I' or 'l' => Number(text, ref position, 2, out hour),
                'i' => Number(text, ref position, 2, out minute),
                's' or 'S' => Number(text, ref position, 2, out second),
                'j' => Number(text, ref position, 3, out dayOfYear),
                'f' => Fraction(text, ref position, out fraction),
                'p' => Meridiem(text, ref position, out pm),
                'M' => Name(text, ref position, MonthNames, 0, out month),
                'b' => Name(text, ref position, MonthNames, 3, out month),
                'W' => Name(text, ref position, DayNames, 0, out _),
                'a' => Name(text, ref position, DayNames, 3, out _),
                'T' => Number(text, ref position, 2, out hour) && Literal(text, ref position, ':') && Number(text, ref position, 2, out minute)
                       && Literal(text, ref position, ':') && Number(text, ref position, 2, out second),
                '%' => Literal(text, ref position, '%'),
                _ => Literal(text, ref position, spec),
            };
            if (!ok)
            {
                return null;
            }
        }

        if (pm is { } afternoon)
        {
            if (hour is < 1 or > 12)
            {
                return null;
            }

            hour = hour % 12 + (afternoon ? 12 : 0);
        }

        if (year is < 1 or > 9999 || month is < 1 or > 12 || hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        DateTime date;
        if (dayOfYear > 0)
        {
            if (dayOfYear > (DateTime.IsLeapYear(year) ? 366 : 365))
            {
                return null;
            }

            date = new DateTime(year, 1, 1).AddDays(dayOfYear - 1);
        }
        else
        {
            if (day < 1 || day > DateTime.DaysInMonth(year, month))
            {
                return null;
            }

            date = new DateTime(year, month, day);
        }

        return date.Ticks / 10 + ((hour * 60L + minute) * 60 + second) * 1_000_000 + fraction;
    }

    private static StringBuilder Two(StringBuilder text, int value) => text.Append(value.ToString("D2", CultureInfo.InvariantCulture));

    private static string Suffix(int day) => day is 11 or 12 or 13 ? "th" : (day % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };

    private static int WeekSundayFirst(DateTime date)
    {
        var firstSunday = (7 - (int)new DateTime(date.Year, 1, 1).DayOfWeek) % 7;
        return date.DayOfYear - 1 < firstSunday ? 0 : (date.DayOfYear - 1 - firstSunday) / 7 + 1;
    }

    private static int WeekMondayFirst(DateTime date)
    {
        var jan1 = ((int)new DateTime(date.Year, 1, 1).DayOfWeek + 6) % 7; // Monday = 0
        var firstWeekHasFourDays = jan1 <= 3;
        var week = (date.DayOfYear - 1 + jan1) / 7;
        return firstWeekHasFourDays ? week + 1 : week;
    }

    private static bool Number(string text, ref int position, int maxDigits, out int value)
    {
        value = 0;
        var start = position;
        while (position < text.Length && position - start < maxDigits && char.IsAsciiDigit(text[position]))
        {
            value = value * 10 + (text[position++] - '0');
        }

        return position > start;
    }

    private static bool Fraction(string text, ref int position, out long micros)
    {
        micros = 0;
        var digits = 0;
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            if (digits < 6)
            {
                micros = micros * 10 + (text[position] - '0');
            }

            digits++;
            position++;
        }

        for (var d = digits; d < 6; d++)
        {
            micros *= 10;
        }

        return digits > 0;
    }

    private static bool Meridiem(string text, ref int position, out bool? pm)
    {
        pm = null;
        if (position + 2 > text.Length)
        {
            return false;
        }

        var word = text.AsSpan(position, 2);
        if (word.Equals("AM", StringComparison.OrdinalIgnoreCase) || word.Equals("PM", StringComparison.OrdinalIgnoreCase))
        {
            pm = char.ToUpperInvariant(word[0]) == 'P';
            position += 2;
            return true;
        }

        return false;
    }

    private static bool Name(string text, ref int position, string[] names, int length, out int number)
    {
        for (var i = 0; i < names.Length; i++)
        {
            var name = length == 0 ? names[i] : names[i][..Math.Min(length, names[i].Length)];
            if (name.Length > 0 && string.Compare(text, position, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                position += name.Length;
                number = i + 1;
                return true;
            }
        }

        number = 0;
        return false;
    }

    private static bool Literal(string text, ref int position, char expected)
    {
        if (position < text.Length && text[position] == expected)
        {
            position++;
            return true;
        }

        return false;
    }
}
