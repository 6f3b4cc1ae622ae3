using System.Globalization;
using System.Numerics;

namespace ContinuousLoad.Tables.Storage;

/// <summary>
/// Exact arithmetic and ordering on the canonical decimal text of DECIMAL and LARGEINT values, of any
/// length (LARGEINT reaches 39 digits, beyond <see cref="Sql.Values.SqlDecimal"/>).
/// </summary>
public static class NumericText
{
    /// <summary>Orders two canonical numbers (<c>-12.50</c>, <c>7</c>) by value.</summary>
    public static int Compare(string left, string right)
    {
        var leftNegative = left.StartsWith('-');
        var rightNegative = right.StartsWith('-');
        if (leftNegative != rightNegative)
        {
            return IsZero(left) && IsZero(right) ? 0 : leftNegative ? -1 : 1;
        }

        var magnitude = CompareMagnitude(leftNegative ? left[1..] : left, rightNegative ? right[1..] : right);
        return leftNegative ? -magnitude : magnitude;
    }

    /// <summary>The sum at <paramref name="scale"/> fraction digits; NULL (null) only when both are.</summary>
    public static string? Add(string? left, string? right, int scale)
    {
        if (left is null || right is null)
        {
            return left ?? right;
        }

        var sum = Unscaled(left, scale) + Unscaled(right, scale);
        return Format(sum, scale);
    }

    public static BigInteger Unscaled(string text, int scale)
    {
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var integer = point < 0 ? text : text[..point];
        var fraction = point < 0 ? "" : text[(point + 1)..];
        fraction = fraction.Length >= scale ? fraction[..scale] : fraction.PadRight(scale, '0');
        return BigInteger.Parse(integer + fraction, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    public static string Format(BigInteger unscaled, int scale)
    {
        var digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture);
        if (scale > 0)
        {
            digits = digits.PadLeft(scale + 1, '0');
            digits = digits[..^scale] + "." + digits[^scale..];
        }

        return unscaled.Sign < 0 ? "-" + digits : digits;
    }

    private static int CompareMagnitude(string left, string right)
    {
        var leftPoint = left.IndexOf('.', StringComparison.Ordinal);
        var rightPoint = right.IndexOf('.', StringComparison.Ordinal);
        var leftInteger = (leftPoint < 0 ? left : left[..leftPoint]).TrimStart('0');
        var rightInteger = (rightPoint < 0 ? right : right[..rightPoint]).TrimStart('0');
        if (leftInteger.Length != rightInteger.Length)
        {
            return leftInteger.Length.CompareTo(rightInteger.Length);
        }

        var order = string.CompareOrdinal(leftInteger, rightInteger);
        if (order != 0)
        {
            return Math.Sign(order);
        }

        var leftFraction = (leftPoint < 0 ? "" : left[(leftPoint + 1)..]).TrimEnd('0');
        var rightFraction = (rightPoint < 0 ? "" : right[(rightPoint + 1)..]).TrimEnd('0');
        return Math.Sign(string.CompareOrdinal(leftFraction, rightFraction));
    }

    private static bool IsZero(string text) => text.All(c => c is '0' or '.' or '-');
}
