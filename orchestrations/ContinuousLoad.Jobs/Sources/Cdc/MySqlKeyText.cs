using System.Globalization;

namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>
/// A MySQL primary key, as a snapshot range boundary kept in a job's offset: each value as text tagged with
/// its .NET type (the MySqlValues representation of its column), so it reads back to the same value and the
/// next range's WHERE compares it exactly — <c>i:42</c>, <c>s:text</c>, <c>b:&lt;base64&gt;</c>, <c>t:2024-05-06T07:08:09.1234560</c>.
/// </summary>
public static class MySqlKeyText
{
    public static IReadOnlyList<string> Write(IReadOnlyList<object?> key) => [.. key.Select(Write)];

    /// <exception cref="FormatException">A value not written by <see cref="Write(IReadOnlyList{object?})"/> (<see cref="OverflowException"/> for a number out of its range).</exception>
    public static IReadOnlyList<object?> Read(IReadOnlyList<string> key) => [.. key.Select(Read)];

    private static string Write(object? value) => value switch
    {
        null => "n:",
        long number => "i:" + number.ToString(CultureInfo.InvariantCulture),
        ulong number => "u:" + number.ToString(CultureInfo.InvariantCulture),
        int year => "y:" + year.ToString(CultureInfo.InvariantCulture),
        decimal number => "d:" + number.ToString(CultureInfo.InvariantCulture),
        string text => "s:" + text,
        byte[] bytes => "b:" + Convert.ToBase64String(bytes),
        DateOnly date => "D:" + date.ToString("O", CultureInfo.InvariantCulture),
        DateTime time => (time.Kind == DateTimeKind.Utc ? "T:" : "t:") + time.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        TimeSpan span => "p:" + span.Ticks.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"A key value of type {value.GetType().Name} cannot be kept in an offset", nameof(value)),
    };

    private static object? Read(string text)
    {
        if (text.Length < 2 || text[1] != ':')
        {
            throw new FormatException($"Not a key value: '{text}'");
        }

        var value = text[2..];
        return text[0] switch
        {
            'n' => null,
            'i' => long.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
            'u' => ulong.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture),
            'y' => int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture),
            'd' => decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture),
            's' => value,
            'b' => Convert.FromBase64String(value),
            'D' => DateOnly.ParseExact(value, "O", CultureInfo.InvariantCulture),
            't' => DateTime.SpecifyKind(DateTime.ParseExact(value, "yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture), DateTimeKind.Unspecified),
            'T' => DateTime.SpecifyKind(DateTime.ParseExact(value, "yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture), DateTimeKind.Utc),
            'p' => TimeSpan.FromTicks(long.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)),
            _ => throw new FormatException($"Not a key value: '{text}'"),
        };
    }
}
