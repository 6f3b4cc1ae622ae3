using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Sql.Conversion;

/// <summary>
/// Converts values between Doris types: the rules behind CAST, implicit coercions and storing a
/// value into a column. Lengths of CHAR/VARCHAR are checked in UTF-8 bytes, as Doris counts them,
/// only when <paramref name="checkLength"/> asks (storing does; CAST does not).
/// </summary>
public static class ValueConverter
{
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 256 };

    public static ConversionResult Convert(SqlValue value, DataType source, DataType target, TimeZoneInfo zone, bool checkLength = false)
    {
        if (value.IsNull)
        {
            return SqlValue.Null;
        }

        return target.Kind switch
        {
            TypeKind.Null => SqlValue.Null,
            TypeKind.Boolean => ToBoolean(value),
            TypeKind.TinyInt => ToInteger(value, sbyte.MinValue, sbyte.MaxValue),
            TypeKind.SmallInt => ToInteger(value, short.MinValue, short.MaxValue),
            TypeKind.Int => ToInteger(value, int.MinValue, int.MaxValue),
            TypeKind.BigInt => ToInteger(value, long.MinValue, long.MaxValue),
            TypeKind.LargeInt => ToLargeInt(value),
            TypeKind.Float => ToDouble(value, single: true),
            TypeKind.Double => ToDouble(value, single: false),
            TypeKind.Decimal => ToDecimal(value, target.Precision, target.Scale),
            TypeKind.Date => ToDate(value, zone),
            TypeKind.DateTime => ToDateTime(value, target.Precision, zone),
            TypeKind.Char or TypeKind.Varchar or TypeKind.String => ToText(value, source, target, checkLength),
            TypeKind.Json => ToJson(value, source),
            TypeKind.Array => ToArray(value, source, target, zone, checkLength),
            _ => ConversionResult.Invalid,
        };
    }

    /// <summary>The UTF-8 byte count Doris compares with a CHAR/VARCHAR length.</summary>
    public static int Utf8Length(string text) => Encoding.UTF8.GetByteCount(text);

    private static ConversionResult ToBoolean(SqlValue value) => value.Kind switch
    {
        ValueKind.Boolean => value,
        ValueKind.Integer => SqlValue.FromBoolean(value.AsInteger != 0),
        ValueKind.LargeInt => SqlValue.FromBoolean(value.AsLargeInt != 0),
        ValueKind.Double => SqlValue.FromBoolean(value.AsDouble != 0),
        ValueKind.Decimal => SqlValue.FromBoolean(value.AsDecimal.Unscaled != 0),
        ValueKind.String => value.AsString.Trim().ToUpperInvariant() switch
        {
            "TRUE" or "1" => SqlValue.True,
            "FALSE" or "0" => SqlValue.False,
            _ => ConversionResult.Invalid,
        },
        _ => ConversionResult.Invalid,
    };

    private static ConversionResult ToInteger(SqlValue value, long min, long max)
    {
        Int128 number;
        switch (value.Kind)
        {
            case ValueKind.Boolean:
                return SqlValue.FromInteger(value.AsBoolean ? 1 : 0);
            case ValueKind.Integer:
                number = value.AsInteger;
                break;
            case ValueKind.LargeInt:
                number = value.AsLargeInt;
                break;
            case ValueKind.Double:
                var d = Math.Truncate(value.AsDouble);
                if (!double.IsFinite(d) || d < (double)long.MinValue || d > (double)long.MaxValue)
                {
                    return ConversionResult.OutOfRange;
                }

                number = (long)d;
                break;
            case ValueKind.Decimal:
                number = value.AsDecimal.TruncateToInteger();
                break;
            case ValueKind.String:
                if (!Int128.TryParse(value.AsString.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
                {
                    return IsNumberText(value.AsString) ? ConversionResult.OutOfRange : ConversionResult.Invalid;
                }

                break;
            default:
                return ConversionResult.Invalid;
        }

        return number < min || number > max ? ConversionResult.OutOfRange : SqlValue.FromInteger((long)number);
    }

    /// <summary>True for text made of digits (with sign): too large to parse means out of range, not invalid.</summary>
    private static bool IsNumberText(string text)
    {
        var span = text.AsSpan().Trim();
        if (!span.IsEmpty && span[0] is '+' or '-')
        {
            span = span[1..];
        }

        return !span.IsEmpty && !span.ContainsAnyExcept("0123456789");
    }

    private static ConversionResult ToLargeInt(SqlValue value)
    {
        switch (value.Kind)
        {
            case ValueKind.String:
                return Int128.TryParse(value.AsString.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
                    ? SqlValue.FromLargeInt(parsed)
                    : IsNumberText(value.AsString) ? ConversionResult.OutOfRange : ConversionResult.Invalid;
            case ValueKind.LargeInt:
                return value;
            case ValueKind.Decimal:
                return SqlValue.FromLargeInt(value.AsDecimal.TruncateToInteger());
            case ValueKind.Double:
                var d = Math.Truncate(value.AsDouble);
                return double.IsFinite(d) && Math.Abs(d) < 1.7e38 ? SqlValue.FromLargeInt((Int128)d) : ConversionResult.OutOfRange;
            default:
                var integer = ToInteger(value, long.MinValue, long.MaxValue);
                return integer.Succeeded ? SqlValue.FromLargeInt(integer.Value.AsInteger) : integer;
        }
    }

    private static ConversionResult ToDouble(SqlValue value, bool single)
    {
        double number;
        switch (value.Kind)
        {
            case ValueKind.Boolean:
                number = value.AsBoolean ? 1 : 0;
                break;
            case ValueKind.Integer:
                number = value.AsInteger;
                break;
            case ValueKind.LargeInt:
                number = (double)value.AsLargeInt;
                break;
            case ValueKind.Double:
                number = value.AsDouble;
                break;
            case ValueKind.Decimal:
                number = value.AsDecimal.ToDouble();
                break;
            case ValueKind.String:
                if (!double.TryParse(value.AsString.AsSpan().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out number)
                    || double.IsNaN(number))
                {
                    return ConversionResult.Invalid;
                }

                break;
            default:
                return ConversionResult.Invalid;
        }

        if (single)
        {
            var narrowed = (float)number;
            if (float.IsInfinity(narrowed) && !double.IsInfinity(number))
            {
                return ConversionResult.OutOfRange;
            }

            // Keep the float's own shortest text so FLOAT 0.1 shows as 0.1, not 0.10000000149011612.
            number = double.Parse(narrowed.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        return double.IsInfinity(number) ? ConversionResult.OutOfRange : SqlValue.FromDouble(number);
    }

    private static ConversionResult ToDecimal(SqlValue value, int precision, int scale)
    {
        SqlDecimal number;
        switch (value.Kind)
        {
            case ValueKind.Boolean:
                number = new SqlDecimal(value.AsBoolean ? 1 : 0, 0);
                break;
            case ValueKind.Integer:
                number = new SqlDecimal(value.AsInteger, 0);
                break;
            case ValueKind.LargeInt:
                number = new SqlDecimal(value.AsLargeInt, 0);
                break;
            case ValueKind.Decimal:
                number = value.AsDecimal;
                break;
            case ValueKind.Double:
                if (SqlDecimal.FromDouble(value.AsDouble) is not { } fromDouble)
                {
                    return double.IsFinite(value.AsDouble) ? ConversionResult.OutOfRange : ConversionResult.Invalid;
                }

                number = fromDouble;
                break;
            case ValueKind.String:
                if (!SqlDecimal.TryParse(value.AsString, out number))
                {
                    return double.TryParse(value.AsString.AsSpan().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var big)
                           && double.IsFinite(big)
                        ? ConversionResult.OutOfRange
                        : ConversionResult.Invalid;
                }

                break;
            default:
                return ConversionResult.Invalid;
        }

        return number.FitsIn(precision, scale, out var fitted) ? SqlValue.FromDecimal(fitted) : ConversionResult.OutOfRange;
    }

    private static ConversionResult ToDate(SqlValue value, TimeZoneInfo zone) => value.Kind switch
    {
        ValueKind.Date => value,
        ValueKind.DateTime => SqlValue.FromDate(DateOnly.FromDateTime(value.AsDateTime)),
        ValueKind.String => TemporalText.ParseDate(value.AsString, zone) is { } date ? SqlValue.FromDate(date) : ConversionResult.Invalid,
        ValueKind.Integer => TemporalText.ParseDate(value.AsInteger.ToString(CultureInfo.InvariantCulture), zone) is { } date
            ? SqlValue.FromDate(date)
            : ConversionResult.Invalid,
        _ => ConversionResult.Invalid,
    };

    /// <summary>A datetime, rounded to <paramref name="precision"/>; one that rounds past 9999-12-31 23:59:59.999999 is invalid.</summary>
    private static ConversionResult ToDateTime(SqlValue value, int precision, TimeZoneInfo zone)
    {
        var micros = value.Kind switch
        {
            ValueKind.DateTime => TemporalText.RoundToPrecision(value.AsDateTimeMicros, precision),
            ValueKind.Date => value.AsDate.ToDateTime(TimeOnly.MinValue).Ticks / 10,
            ValueKind.String => TemporalText.ParseDateTime(value.AsString, precision, zone),
            ValueKind.Integer => TemporalText.ParseDateTime(value.AsInteger.ToString(CultureInfo.InvariantCulture), precision, zone),
            _ => null,
        };
        return micros is >= 0 and <= TemporalText.MaxDateTimeMicros ? SqlValue.FromDateTimeMicros(micros.Value) : ConversionResult.Invalid;
    }

    private static ConversionResult ToText(SqlValue value, DataType source, DataType target, bool checkLength)
    {
        var text = value.Kind switch
        {
            ValueKind.String => value.AsString,
            ValueKind.Boolean => value.AsBoolean ? "true" : "false",
            ValueKind.DateTime => SqlValueFormat.FormatDateTime(value.AsDateTimeMicros, source.Kind == TypeKind.DateTime ? source.Precision : -1),
            _ => SqlValueFormat.ToText(value, -1),
        };
        // A UTF-16 code unit takes at most 3 UTF-8 bytes: short strings need no counting.
        if (checkLength && target.Kind is TypeKind.Char or TypeKind.Varchar && text.Length * 3L > target.Length && Utf8Length(text) > target.Length)
        {
            return ConversionResult.TooLong;
        }

        return SqlValue.FromString(text);
    }

    private static ConversionResult ToJson(SqlValue value, DataType source)
    {
        switch (value.Kind)
        {
            case ValueKind.Json:
                return value;
            case ValueKind.String:
                return CanonicalJson(value.AsString) is { } json ? SqlValue.FromJson(json) : ConversionResult.Invalid;
            case ValueKind.Boolean:
                return SqlValue.FromJson(value.AsBoolean ? "true" : "false");
            case ValueKind.Integer or ValueKind.LargeInt or ValueKind.Decimal:
                return SqlValue.FromJson(SqlValueFormat.ToText(value, -1));
            case ValueKind.Double:
                return double.IsFinite(value.AsDouble) ? SqlValue.FromJson(SqlValueFormat.FormatDouble(value.AsDouble)) : ConversionResult.Invalid;
            case ValueKind.Array:
                return CanonicalJson(SqlValueFormat.ToText(value, -1)) is { } array ? SqlValue.FromJson(array) : ConversionResult.Invalid;
            default:
                return SqlValue.FromJson(JsonSerializer.Serialize(ToText(value, source, DataType.String, false).Value.AsString, JsonText.Options));
        }
    }

    /// <summary>Parses JSON text and writes it back compactly; null when the text is not JSON.</summary>
    public static string? CanonicalJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, JsonOptions);
            return JsonText.Compact(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ConversionResult ToArray(SqlValue value, DataType source, DataType target, TimeZoneInfo zone, bool checkLength)
    {
        var element = target.Element!;
        if (value.Kind == ValueKind.Array)
        {
            var items = ImmutableArray.CreateBuilder<SqlValue>(value.AsArray.Length);
            foreach (var item in value.AsArray)
            {
                var converted = Convert(item, source.Element ?? DataType.String, element, zone, checkLength);
                if (!converted.Succeeded)
                {
                    return converted;
                }

                items.Add(converted.Value);
            }

            return SqlValue.FromArray(items.MoveToImmutable());
        }

        if (value.Kind is not (ValueKind.String or ValueKind.Json))
        {
            return ConversionResult.Invalid;
        }

        try
        {
            using var document = JsonDocument.Parse(value.Kind == ValueKind.String ? LowerNulls(value.AsString) : value.AsJson, JsonOptions);
            return FromJsonArray(document.RootElement, element, zone, checkLength);
        }
        catch (JsonException)
        {
            return ConversionResult.Invalid;
        }
    }

    /// <summary>Array text may write NULL in any case (<c>[1, NULL]</c>); JSON only knows <c>null</c>.</summary>
    private static string LowerNulls(string text)
    {
        if (text.IndexOf("null", StringComparison.OrdinalIgnoreCase) < 0)
        {
            return text;
        }

        var result = text.ToCharArray();
        var inString = false;
        for (var i = 0; i < result.Length; i++)
        {
            var c = result[i];
            if (c == '"' && (i == 0 || result[i - 1] != '\\'))
            {
                inString = !inString;
            }
            else if (!inString && i + 4 <= result.Length && text.AsSpan(i, 4).Equals("null", StringComparison.OrdinalIgnoreCase))
            {
                "null".CopyTo(result.AsSpan(i));
                i += 3;
            }
        }

        return new string(result);
    }

    /// <summary>Converts a JSON array into ARRAY&lt;element&gt;, element by element.</summary>
    public static ConversionResult FromJsonArray(JsonElement json, DataType element, TimeZoneInfo zone, bool checkLength)
    {
        if (json.ValueKind != JsonValueKind.Array)
        {
            return ConversionResult.Invalid;
        }

        var items = ImmutableArray.CreateBuilder<SqlValue>(json.GetArrayLength());
        foreach (var item in json.EnumerateArray())
        {
            var converted = item.ValueKind switch
            {
                JsonValueKind.Null => SqlValue.Null,
                JsonValueKind.Array when element.Kind == TypeKind.Array => FromJsonArray(item, element.Element!, zone, checkLength),
                JsonValueKind.String => Convert(SqlValue.FromString(item.GetString()!), DataType.String, element, zone, checkLength),
                JsonValueKind.True or JsonValueKind.False => Convert(SqlValue.FromBoolean(item.GetBoolean()), DataType.Boolean, element, zone, checkLength),
                JsonValueKind.Number => Convert(SqlValue.FromString(item.GetRawText()), DataType.String, element, zone, checkLength),
                _ when element.Kind == TypeKind.Json => SqlValue.FromJson(JsonText.Compact(item)),
                _ => ConversionResult.Invalid,
            };
            if (!converted.Succeeded)
            {
                return converted;
            }

            items.Add(converted.Value);
        }

        return SqlValue.FromArray(items.MoveToImmutable());
    }
}
