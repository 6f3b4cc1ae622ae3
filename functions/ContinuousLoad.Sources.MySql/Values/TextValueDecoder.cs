using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace ContinuousLoad.Sources.MySql.Values;

/// <summary>
/// Decodes a text-protocol field (MySQL Client/Server Protocol, "Text Resultset Row": every value as
/// the server prints it) into the representation of <see cref="MySqlValues"/>. BIT and binary strings
/// arrive as raw bytes. Malformed text throws <see cref="FormatException"/> naming the value.
/// </summary>
public static class TextValueDecoder
{
    public static object Decode(MySqlValueKind kind, int collationId, ReadOnlySpan<byte> text) => kind switch
    {
        MySqlValueKind.Int64 => ParseInt64(text),
        MySqlValueKind.UInt64 => Utf8Parser.TryParse(text, out ulong unsigned, out var used) && used == text.Length ? unsigned : throw Bad(kind, text),
        MySqlValueKind.Decimal => ParseDecimal(text),
        MySqlValueKind.DecimalText => Encoding.ASCII.GetString(text),
        MySqlValueKind.Single => float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        MySqlValueKind.Double => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        MySqlValueKind.Date => ParseDate(text),
        MySqlValueKind.DateTime => ParseDateTime(text, DateTimeKind.Unspecified),
        MySqlValueKind.Timestamp => ParseDateTime(text, DateTimeKind.Utc),
        MySqlValueKind.Time => ParseTime(text),
        MySqlValueKind.Year => (int)ParseInt64(text),
        MySqlValueKind.Text => CharacterSets.Decode(collationId, text),
        MySqlValueKind.Bytes => text.ToArray(),
        MySqlValueKind.Bit => ParseBit(text),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown value kind"),
    };

    public static long ParseInt64(ReadOnlySpan<byte> text) =>
        Utf8Parser.TryParse(text, out long value, out var used) && used == text.Length ? value : throw Bad(MySqlValueKind.Int64, text);

    public static decimal ParseDecimal(ReadOnlySpan<byte> text) =>
        Utf8Parser.TryParse(text, out decimal value, out var used) && used == text.Length ? value : throw Bad(MySqlValueKind.Decimal, text);

    /// <summary>"YYYY-MM-DD"; a zero year, month or day gives the text back.</summary>
    public static object ParseDate(ReadOnlySpan<byte> text)
    {
        if (text.Length != 10 || text[4] != '-' || text[7] != '-')
        {
            throw Bad(MySqlValueKind.Date, text);
        }

        var (year, month, day) = (Digits(text, 0, 4), Digits(text, 5, 2), Digits(text, 8, 2));
        return year == 0 || month == 0 || day == 0 ? Encoding.ASCII.GetString(text) : new DateOnly(year, month, day);
    }

    /// <summary>"YYYY-MM-DD HH:MM:SS[.ffffff]"; a zero year, month or day gives the text back.</summary>
    public static object ParseDateTime(ReadOnlySpan<byte> text, DateTimeKind kind)
    {
        if (text.Length < 19 || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':')
        {
            throw Bad(MySqlValueKind.DateTime, text);
        }

        var (year, month, day) = (Digits(text, 0, 4), Digits(text, 5, 2), Digits(text, 8, 2));
        if (year == 0 || month == 0 || day == 0)
        {
            return Encoding.ASCII.GetString(text);
        }

        var value = new DateTime(year, month, day, Digits(text, 11, 2), Digits(text, 14, 2), Digits(text, 17, 2), kind);
        return text.Length > 19 ? value.AddTicks(FractionTicks(text[19..])) : value;
    }

    /// <summary>"[-]H+:MM:SS[.ffffff]", hours up to 838.</summary>
    public static TimeSpan ParseTime(ReadOnlySpan<byte> text)
    {
        var negative = text.Length > 0 && text[0] == '-';
        var body = negative ? text[1..] : text;
        var colon = body.IndexOf((byte)':');
        if (colon < 1 || body.Length < colon + 6 || body[colon + 3] != ':')
        {
            throw Bad(MySqlValueKind.Time, text);
        }

        var ticks = Digits(body, 0, colon) * TimeSpan.TicksPerHour + Digits(body, colon + 1, 2) * TimeSpan.TicksPerMinute +
            Digits(body, colon + 4, 2) * TimeSpan.TicksPerSecond;
        if (body.Length > colon + 6)
        {
            ticks += FractionTicks(body[(colon + 6)..]);
        }

        return new TimeSpan(negative ? -ticks : ticks);
    }

    /// <summary>BIT(M) arrives as (M+7)/8 big-endian bytes.</summary>
    public static ulong ParseBit(ReadOnlySpan<byte> bytes)
    {
        ulong value = 0;
        foreach (var b in bytes)
        {
            value = value << 8 | b;
        }

        return value;
    }

    // ".ffffff" → ticks (1 tick = 100 ns; microseconds are exact).
    private static long FractionTicks(ReadOnlySpan<byte> fraction)
    {
        if (fraction.Length < 2 || fraction[0] != '.' || fraction.Length > 8)
        {
            throw Bad(MySqlValueKind.DateTime, fraction);
        }

        long ticks = Digits(fraction, 1, fraction.Length - 1);
        for (var i = fraction.Length - 1; i < 7; i++)
        {
            ticks *= 10;
        }

        return ticks;
    }

    private static int Digits(ReadOnlySpan<byte> text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                throw Bad(MySqlValueKind.Text, text);
            }

            value = value * 10 + digit;
        }

        return value;
    }

    private static FormatException Bad(MySqlValueKind kind, ReadOnlySpan<byte> text) =>
        new($"'{Encoding.UTF8.GetString(text[..Math.Min(text.Length, 64)])}' is not a valid {kind} value in the text protocol.");
}
