using System.Globalization;
using System.Text;

namespace ContinuousLoad.Sql.Values;

/// <summary>Canonical text of values: how they are stored as text and shown to users.</summary>
public static class SqlValueFormat
{
    public const long MicrosPerSecond = 1_000_000;

    /// <param name="dateTimePrecision">Fraction digits for datetimes; -1 shows only the digits in use (up to 6).</param>
    public static string ToText(SqlValue value, int dateTimePrecision) => value.Kind switch
    {
        ValueKind.Null => "",
        ValueKind.Boolean => value.AsBoolean ? "1" : "0",
        ValueKind.Integer => value.AsInteger.ToString(CultureInfo.InvariantCulture),
        ValueKind.LargeInt => value.AsLargeInt.ToString(CultureInfo.InvariantCulture),
        ValueKind.Double => FormatDouble(value.AsDouble),
        ValueKind.Decimal => value.AsDecimal.ToString(),
        ValueKind.Date => FormatDate(value.AsDate),
        ValueKind.DateTime => FormatDateTime(value.AsDateTimeMicros, dateTimePrecision),
        ValueKind.String => value.AsString,
        ValueKind.Json => value.AsJson,
        ValueKind.Array => FormatArray(value),
        _ => throw new InvalidOperationException($"unknown value kind {value.Kind}"),
    };

    /// <summary>Shortest round-trip text; large and tiny magnitudes in exponent form with a lower-case e (1e+20), as Doris prints.</summary>
    public static string FormatDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        return value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
    }

    public static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <param name="precision">Fraction digits (0..6), or -1 for as many as are non-zero.</param>
    public static string FormatDateTime(long micros, int precision)
    {
        var dateTime = new DateTime(micros * 10, DateTimeKind.Unspecified);
        var text = dateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var fraction = (int)(micros % MicrosPerSecond);
        if (precision < 0)
        {
            if (fraction == 0)
            {
                return text;
            }

            var digits = fraction.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');
            return text + "." + digits;
        }

        return precision == 0
            ? text
            : text + "." + fraction.ToString("D6", CultureInfo.InvariantCulture)[..precision];
    }

    private static string FormatArray(SqlValue value)
    {
        var text = new StringBuilder("[");
        var first = true;
        foreach (var item in value.AsArray)
        {
            if (!first)
            {
                text.Append(", ");
            }

            first = false;
            text.Append(item.Kind switch
            {
                ValueKind.Null => "null",
                ValueKind.String => JsonQuote(item.AsString),
                ValueKind.Date or ValueKind.DateTime => JsonQuote(ToText(item, -1)),
                _ => ToText(item, -1),
            });
        }

        return text.Append(']').ToString();
    }

    private static string JsonQuote(string text) => Conversion.JsonText.Quote(text);
}
