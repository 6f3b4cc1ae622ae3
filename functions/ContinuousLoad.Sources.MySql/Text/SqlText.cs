using System.Globalization;
using System.Text;

namespace ContinuousLoad.Sources.MySql.Text;

/// <summary>
/// Identifiers and values spliced into generated SQL. Identifiers are backquoted with backquotes doubled;
/// text and bytes travel as hexadecimal literals (<c>_utf8mb4 X'..'</c>, <c>X'..'</c>) so no escaping
/// rule or sql_mode (NO_BACKSLASH_ESCAPES, ANSI_QUOTES) can change their meaning, and an introduced
/// literal takes the column's collation in comparisons.
/// </summary>
public static class SqlText
{
    public static string Identifier(string name) =>
        name.Length == 0 || name.Contains('\0', StringComparison.Ordinal)
            ? throw new ArgumentException($"'{name}' is not a valid MySQL identifier.", nameof(name))
            : "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";

    public static string QualifiedName(string schema, string table) => Identifier(schema) + "." + Identifier(table);

    /// <summary>A string literal for information_schema lookups (utf8mb4 text as hex).</summary>
    public static string StringLiteral(string text) =>
        text.Length == 0 ? "''" : "_utf8mb4 X'" + Convert.ToHexString(Encoding.UTF8.GetBytes(text)) + "'";

    /// <summary>A literal for a value in the representation of <see cref="Values.MySqlValues"/>.</summary>
    public static string Literal(object? value) => value switch
    {
        null => "NULL",
        long or ulong or int or uint or short or ushort or sbyte or byte => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        float number => number.ToString("R", CultureInfo.InvariantCulture),
        string text => StringLiteral(text),
        byte[] bytes => bytes.Length == 0 ? "X''" : "X'" + Convert.ToHexString(bytes) + "'",
        DateOnly date => "'" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'",
        DateTime time => "'" + time.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "'",
        TimeSpan span => "'" + (span < TimeSpan.Zero ? "-" : "") + ((long)Math.Abs(span.TotalHours)).ToString(CultureInfo.InvariantCulture) +
            span.Duration().ToString(@"\:mm\:ss\.ffffff", CultureInfo.InvariantCulture) + "'",
        _ => throw new ArgumentException($"No SQL literal for a value of type {value.GetType().Name}.", nameof(value)),
    };
}
