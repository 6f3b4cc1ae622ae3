using System.Globalization;
using System.Text;

namespace ContinuousLoad.IntegrationTests.Sources.MySql.Binlog;

/// <summary>Compares one of our decoded values with the text mariadb-binlog printed for it.</summary>
public static class ReferenceValues
{
    /// <returns>Null when they agree, else a description of the difference.</returns>
    public static string? Difference(object? ours, string printed, CorpusColumn column)
    {
        if (ours is null || printed == "NULL")
        {
            return ours is null && printed == "NULL" ? null : $"{column.Name}: ours {Show(ours)}, mariadb-binlog {printed}";
        }

        var agree = column.Format switch
        {
            ReferenceFormat.Signed => long.Parse(printed.Split(' ')[0], CultureInfo.InvariantCulture) == (long)ours,
            ReferenceFormat.Unsigned => ulong.Parse(printed.Contains('(', StringComparison.Ordinal) ? printed[(printed.IndexOf('(', StringComparison.Ordinal) + 1)..^1] : printed, CultureInfo.InvariantCulture)
                == Convert.ToUInt64(ours, CultureInfo.InvariantCulture),
            ReferenceFormat.Float => double.Parse(printed.Trim(), CultureInfo.InvariantCulture) == double.Parse(((double)(float)ours).ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            ReferenceFormat.Double => double.Parse(printed, CultureInfo.InvariantCulture) == (double)ours,
            ReferenceFormat.Time => ParseTime(printed) == (TimeSpan)ours,
            _ => Expected(ours, column) == printed,
        };
        return agree ? null : $"{column.Name}: ours {Show(ours)} (expected to print {Expected(ours, column)}), mariadb-binlog {printed}";
    }

    private static string Expected(object ours, CorpusColumn column) => column.Format switch
    {
        ReferenceFormat.Decimal => Convert.ToString(ours, CultureInfo.InvariantCulture)!,
        ReferenceFormat.Date => Quote(ours is DateOnly date ? string.Create(CultureInfo.InvariantCulture, $"{date.Year:0000}:{date.Month:00}:{date.Day:00}") : ((string)ours).Replace('-', ':')),
        ReferenceFormat.DateTime => Quote(ours is DateTime time ? DateTimeText(time, column.Width) : (string)ours),
        ReferenceFormat.Timestamp => ours is DateTime stamp ? TimestampText(stamp, column.Width) : "0",
        ReferenceFormat.Year => ((int)ours == 0 ? 1900 : (int)ours).ToString(CultureInfo.InvariantCulture),
        ReferenceFormat.Text => Quote(Escape((column.Encoding ?? Encoding.UTF8).GetBytes((string)ours))),
        ReferenceFormat.Bytes => Quote(Escape(column.Width > 0 ? ((byte[])ours).AsSpan().TrimEnd((byte)0).ToArray() : (byte[])ours)),
        ReferenceFormat.Enum => ((string)ours == "" ? 0 : Array.IndexOf(column.Members!, (string)ours) + 1).ToString(CultureInfo.InvariantCulture),
        ReferenceFormat.Set => Bits(((string)ours).Split(',', StringSplitOptions.RemoveEmptyEntries).Aggregate(0UL, (bits, member) => bits | (1UL << Array.IndexOf(column.Members!, member))), column.Width * 8),
        ReferenceFormat.Bit => Bits((ulong)ours, column.Width),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Format, "compared by value"),
    };

    private static string DateTimeText(DateTime time, int digits) =>
        time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + (digits > 0 ? "." + time.ToString("ffffff", CultureInfo.InvariantCulture)[..digits] : "");

    private static string TimestampText(DateTime stamp, int digits)
    {
        var ticks = (stamp - DateTime.UnixEpoch).Ticks;
        var seconds = (ticks / TimeSpan.TicksPerSecond).ToString(CultureInfo.InvariantCulture);
        return digits > 0 ? seconds + "." + (ticks % TimeSpan.TicksPerSecond / 10).ToString("000000", CultureInfo.InvariantCulture)[..digits] : seconds;
    }

    private static TimeSpan ParseTime(string printed)
    {
        var text = printed.Trim('\'');
        var negative = text.StartsWith('-');
        var parts = text.TrimStart('-').Split(':');
        var seconds = decimal.Parse(parts[2], CultureInfo.InvariantCulture);
        var ticks = (long.Parse(parts[0], CultureInfo.InvariantCulture) * 3600 + long.Parse(parts[1], CultureInfo.InvariantCulture) * 60) * TimeSpan.TicksPerSecond
            + (long)(seconds * TimeSpan.TicksPerSecond);
        return TimeSpan.FromTicks(negative ? -ticks : ticks);
    }

    private static string Bits(ulong value, int width) => "b'" + Convert.ToString((long)value, 2).PadLeft(width, '0')[^width..] + "'";

    private static string Quote(string text) => "'" + text + "'";

    private static string Escape(byte[] bytes)
    {
        var text = new StringBuilder();
        foreach (var b in bytes)
        {
            text.Append(b > 0x1F ? ((char)b).ToString() : string.Create(CultureInfo.InvariantCulture, $"\\x{b:x2}"));
        }

        return text.ToString();
    }

    private static string Show(object? value) => value switch
    {
        null => "NULL",
        byte[] bytes => "0x" + Convert.ToHexString(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture) + " (" + value.GetType().Name + ")",
        _ => value.ToString() ?? "",
    };
}
