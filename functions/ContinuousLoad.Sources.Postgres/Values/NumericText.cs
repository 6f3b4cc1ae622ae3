using System.Globalization;

namespace ContinuousLoad.Sources.Postgres.Values;

/// <summary>
/// numeric values stay exact: a <see cref="decimal"/> when the digits fit one (28 significant digits are
/// always exact, more are checked by printing back), otherwise the server's own text (huge or very
/// precise values, NaN, Infinity). Never a double.
/// </summary>
internal static class NumericText
{
    private const int AlwaysExactDigits = 28;

    public static object Parse(ReadOnlySpan<byte> text)
    {
        var digits = 0;
        foreach (var b in text)
        {
            if (char.IsAsciiDigit((char)b))
            {
                digits++;
            }
            else if (b is not ((byte)'-' or (byte)'.'))
            {
                return System.Text.Encoding.UTF8.GetString(text); // NaN, Infinity, -Infinity
            }
        }

        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return System.Text.Encoding.UTF8.GetString(text);
        }

        if (digits <= AlwaysExactDigits)
        {
            return value;
        }

        var original = System.Text.Encoding.UTF8.GetString(text);
        return value.ToString(CultureInfo.InvariantCulture) == original ? value : original;
    }
}
