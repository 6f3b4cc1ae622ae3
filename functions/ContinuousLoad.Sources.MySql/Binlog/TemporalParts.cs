using System.Globalization;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// A DATE or DATETIME as its stored fields, before they become a .NET value: MySQL keeps zero and partly
/// zero dates ("0000-00-00", "2020-00-00 10:00:00") that no <see cref="DateOnly"/> or <see cref="DateTime"/>
/// can hold, so a value is either valid (<see cref="IsValid"/>) or printed as the server prints it.
/// </summary>
public readonly record struct TemporalParts(int Year, int Month, int Day, int Hour, int Minute, int Second, int Microsecond)
{
    /// <summary>A real calendar date and time of day: it has a .NET value.</summary>
    public bool IsValid =>
        Year is >= 1 and <= 9999 && Month is >= 1 and <= 12 && Day >= 1 && Day <= DateTime.DaysInMonth(Year, Month)
        && Hour is >= 0 and < 24 && Minute is >= 0 and < 60 && Second is >= 0 and < 60;

    public DateOnly ToDateOnly() => new(Year, Month, Day);

    public DateTime ToDateTime(DateTimeKind kind) =>
        new DateTime(Year, Month, Day, Hour, Minute, Second, kind).AddTicks(Microsecond * 10L);

    /// <summary>The date as the server prints it ("2020-00-00").</summary>
    public string ToDateText() => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-{Month:00}-{Day:00}");

    /// <summary>The date and time as the server prints it, with <paramref name="fractionalDigits"/> digits of fraction.</summary>
    public string ToDateTimeText(int fractionalDigits)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-{Month:00}-{Day:00} {Hour:00}:{Minute:00}:{Second:00}");
        return fractionalDigits > 0 ? text + "." + Microsecond.ToString("000000", CultureInfo.InvariantCulture)[..fractionalDigits] : text;
    }
}
