using System.Globalization;

namespace ContinuousLoad.Sql.Values;

/// <summary>
/// An exact decimal of up to 38 digits: an unscaled 128-bit integer and a scale
/// (<c>123.45</c> is 12345 with scale 2). Never passes through binary floating point.
/// </summary>
public readonly record struct SqlDecimal(Int128 Unscaled, int Scale) : IComparable<SqlDecimal>
{
    public const int MaxDigits = 38;

    /// <summary>10^0 … 10^38; 10^38 still fits in Int128 (max ≈ 1.7 × 10^38).</summary>
    private static readonly Int128[] PowersOfTen = BuildPowers();

    public static Int128 Pow10(int exponent) => PowersOfTen[exponent];

    /// <summary>The number of digits of the unscaled value (at least 1).</summary>
    public int Digits => CountDigits(Unscaled);

    public bool IsNegative => Unscaled < 0;

    public static int CountDigits(Int128 value)
    {
        var magnitude = value < 0 ? -value : value;
        var digits = 1;
        while (digits <= MaxDigits && magnitude >= PowersOfTen[digits])
        {
            digits++;
        }

        return digits;
    }

    public static SqlDecimal FromInt128(Int128 value) => new(value, 0);

    /// <summary>
    /// Parses <c>[+-]digits[.digits][e[+-]digits]</c>. Returns false when the text is not a number
    /// or has more than 38 significant digits.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SqlDecimal value)
    {
        value = default;
        text = text.Trim();
        if (text.IsEmpty)
        {
            return false;
        }

        var negative = false;
        var i = 0;
        if (text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            i = 1;
        }

        Int128 unscaled = 0;
        var digits = 0;
        var scale = 0;
        var sawDigit = false;
        var afterPoint = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '0' and <= '9')
            {
                sawDigit = true;
                if (unscaled == 0 && c == '0')
                {
                    // Leading zeros carry no digits (but fractional ones still count towards the scale).
                }
                else if (++digits > MaxDigits)
                {
                    return false;
                }

                unscaled = unscaled * 10 + (c - '0');
                if (afterPoint)
                {
                    scale++;
                }
            }
            else if (c == '.' && !afterPoint)
            {
                afterPoint = true;
            }
            else if (c is 'e' or 'E' && sawDigit)
            {
                if (!int.TryParse(text[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent)
                    || exponent is < -MaxDigits * 2 or > MaxDigits * 2)
                {
                    return false;
                }

                scale -= exponent;
                break;
            }
            else
            {
                return false;
            }
        }

        if (!sawDigit)
        {
            return false;
        }

        if (scale < 0)
        {
            if (digits - scale > MaxDigits)
            {
                return false;
            }

            unscaled *= PowersOfTen[-scale];
            scale = 0;
        }

        if (scale > MaxDigits)
        {
            // More fraction digits than any column holds: keep the 38 most significant fraction digits.
            unscaled = DivideRounded(unscaled, PowersOfTen[Math.Min(scale - MaxDigits, MaxDigits)]);
            scale = MaxDigits;
        }

        value = new SqlDecimal(negative ? -unscaled : unscaled, scale);
        return true;
    }

    public static SqlDecimal Parse(string text) => TryParse(text, out var value)
        ? value
        : throw new FormatException($"'{text}' is not a decimal number of at most {MaxDigits} digits");

    /// <summary>Converts a double exactly as its shortest round-trip text; null for NaN/∞ or too many digits.</summary>
    public static SqlDecimal? FromDouble(double value) =>
        double.IsFinite(value) && TryParse(value.ToString("R", CultureInfo.InvariantCulture), out var result) ? result : null;

    /// <summary>Rounds half away from zero (as Doris does) or pads to <paramref name="scale"/> fraction digits.</summary>
    /// <returns>Null when the result would need more than 38 digits.</returns>
    public SqlDecimal? Rescale(int scale)
    {
        if (scale == Scale)
        {
            return this;
        }

        if (scale > Scale)
        {
            var factor = scale - Scale;
            if (factor > MaxDigits || Digits + factor > MaxDigits)
            {
                return Unscaled == 0 ? new SqlDecimal(0, scale) : null;
            }

            return new SqlDecimal(Unscaled * PowersOfTen[factor], scale);
        }

        var drop = Scale - scale;
        return new SqlDecimal(drop > MaxDigits ? 0 : DivideRounded(Unscaled, PowersOfTen[drop]), scale);
    }

    /// <summary>True when the value fits DECIMAL(precision, scale) after rounding to the scale.</summary>
    public bool FitsIn(int precision, int scale, out SqlDecimal rescaled)
    {
        // At the target scale the unscaled digits are the integer digits plus the scale.
        if (Rescale(scale) is { } value && (value.Unscaled == 0 || value.Digits <= precision))
        {
            rescaled = value;
            return true;
        }

        rescaled = default;
        return false;
    }

    public Int128 TruncateToInteger() => Scale == 0 ? Unscaled : Unscaled / PowersOfTen[Math.Min(Scale, MaxDigits)];

    public double ToDouble() => double.Parse(ToString(), CultureInfo.InvariantCulture);

    public int CompareTo(SqlDecimal other)
    {
        if (Scale == other.Scale)
        {
            return Unscaled.CompareTo(other.Unscaled);
        }

        // Compare at the larger scale; fall back to sign/magnitude reasoning when rescaling overflows.
        var scale = Math.Max(Scale, other.Scale);
        var left = Rescale(scale);
        var right = other.Rescale(scale);
        if (left is { } l && right is { } r)
        {
            return l.Unscaled.CompareTo(r.Unscaled);
        }

        return ToDouble().CompareTo(other.ToDouble());
    }

    /// <summary>Plain notation with exactly <see cref="Scale"/> fraction digits: <c>-12.50</c>.</summary>
    public override string ToString()
    {
        var magnitude = Unscaled < 0 ? -Unscaled : Unscaled;
        var digits = magnitude.ToString(CultureInfo.InvariantCulture);
        if (Scale > 0)
        {
            digits = digits.PadLeft(Scale + 1, '0');
            digits = string.Concat(digits.AsSpan(0, digits.Length - Scale), ".", digits.AsSpan(digits.Length - Scale));
        }

        return Unscaled < 0 ? "-" + digits : digits;
    }

    internal static Int128 DivideRounded(Int128 value, Int128 divisor)
    {
        var quotient = Int128.DivRem(value, divisor);
        var remainder = quotient.Remainder < 0 ? -quotient.Remainder : quotient.Remainder;
        if (remainder * 2 >= divisor)
        {
            return quotient.Quotient + (value < 0 ? -1 : 1);
        }

        return quotient.Quotient;
    }

    private static Int128[] BuildPowers()
    {
        var powers = new Int128[MaxDigits + 1];
        powers[0] = 1;
        for (var i = 1; i <= MaxDigits; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }
}
