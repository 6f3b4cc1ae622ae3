using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;
using ContinuousLoad.Sql.Conversion;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Tables.Writing;

/// <summary>
/// Converts one text field (UTF-8 bytes, as loads read them) straight into a column's storage form,
/// without allocating per value on the common paths: integers, doubles, decimals, canonical dates and
/// datetimes, and strings. Other inputs take the general <see cref="ValueConverter"/> path. The
/// conversion rules are the same either way.
/// </summary>
public sealed class FieldEncoder(DataType type, TimeZoneInfo zone)
{
    public DataType Type { get; } = type;

    /// <summary>Appends the converted value, or nothing when it does not convert (the error says why).</summary>
    public ConversionError Encode(ReadOnlySpan<byte> utf8, ColumnVector target)
    {
        if (!Utf8.IsValid(utf8))
        {
            return ConversionError.Invalid;
        }

        switch (Type.Kind)
        {
            case TypeKind.TinyInt or TypeKind.SmallInt or TypeKind.Int or TypeKind.BigInt:
                if (Utf8Parser.TryParse(Trim(utf8), out long integer, out var used) && used == Trim(utf8).Length)
                {
                    if (!InRange(integer))
                    {
                        return ConversionError.OutOfRange;
                    }

                    target.AddInteger(integer);
                    return ConversionError.None;
                }

                break;
            case TypeKind.Float or TypeKind.Double:
                if (Type.Kind == TypeKind.Double && Utf8Parser.TryParse(Trim(utf8), out double real, out var consumed) && consumed == Trim(utf8).Length
                    && double.IsFinite(real))
                {
                    target.AddReal(real);
                    return ConversionError.None;
                }

                break;
            case TypeKind.Decimal:
                if (TryDecimal(Trim(utf8), out var number))
                {
                    if (!number.FitsIn(Type.Precision, Type.Scale, out var fitted))
                    {
                        return ConversionError.OutOfRange;
                    }

                    var room = target.ReserveText(SqlDecimal.MaxDigits + 3);
                    target.CommitText(Format(fitted, room));
                    return ConversionError.None;
                }

                break;
            case TypeKind.Date or TypeKind.DateTime:
                if (IsCanonicalTemporal(utf8))
                {
                    target.AddText(utf8);
                    return ConversionError.None;
                }

                break;
            case TypeKind.Char or TypeKind.Varchar:
                if (utf8.Length > Type.Length)
                {
                    return ConversionError.TooLong;
                }

                target.AddText(utf8);
                return ConversionError.None;
            case TypeKind.String:
                target.AddText(utf8);
                return ConversionError.None;
        }

        return General(utf8, target);
    }

    /// <summary>The general path: decode, convert with <see cref="ValueConverter"/>, encode.</summary>
    private ConversionError General(ReadOnlySpan<byte> utf8, ColumnVector target)
    {
        var result = ValueConverter.Convert(SqlValue.FromString(Encoding.UTF8.GetString(utf8)), DataType.String, Type, zone, checkLength: true);
        if (result.Succeeded)
        {
            ValueEncoding.Append(target, result.Value, Type);
        }

        return result.Error;
    }

    private bool InRange(long value) => Type.Kind switch
    {
        TypeKind.TinyInt => value is >= sbyte.MinValue and <= sbyte.MaxValue,
        TypeKind.SmallInt => value is >= short.MinValue and <= short.MaxValue,
        TypeKind.Int => value is >= int.MinValue and <= int.MaxValue,
        _ => true,
    };

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> utf8) => utf8.Trim((byte)' ');

    /// <summary>Plain decimal notation only (<c>-12.345</c>); exponents and others go the general way.</summary>
    private static bool TryDecimal(ReadOnlySpan<byte> text, out SqlDecimal value)
    {
        value = default;
        if (text.IsEmpty || text.Length > SqlDecimal.MaxDigits + 2)
        {
            return false;
        }

        var negative = text[0] == '-';
        var i = negative || text[0] == '+' ? 1 : 0;
        Int128 unscaled = 0;
        var scale = -1;
        var digits = 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.' && scale < 0)
            {
                scale = 0;
                continue;
            }

            if (c is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            unscaled = unscaled * 10 + (c - '0');
            digits++;
            if (scale >= 0)
            {
                scale++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        value = new SqlDecimal(negative ? -unscaled : unscaled, Math.Max(scale, 0));
        return true;
    }

    /// <summary>Writes the canonical text (<c>-12.50</c>) of a decimal without allocating.</summary>
    private static int Format(SqlDecimal value, Span<byte> destination)
    {
        Span<byte> digits = stackalloc byte[SqlDecimal.MaxDigits + 2];
        var count = 0;
        if (value.Unscaled is var unscaled && unscaled >= long.MinValue + 1 && unscaled <= long.MaxValue)
        {
            var magnitude = (ulong)Math.Abs((long)unscaled);
            do
            {
                digits[count++] = (byte)('0' + (int)(magnitude % 10));
                magnitude /= 10;
            }
            while (magnitude != 0);
        }
        else
        {
            var magnitude = Int128.Abs(unscaled);
            do
            {
                digits[count++] = (byte)('0' + (int)(magnitude % 10));
                magnitude /= 10;
            }
            while (magnitude != 0);
        }

        while (count < value.Scale + 1)
        {
            digits[count++] = (byte)'0';
        }

        var written = 0;
        if (value.Unscaled < 0)
        {
            destination[written++] = (byte)'-';
        }

        for (var i = count - 1; i >= 0; i--)
        {
            if (i == value.Scale - 1)
            {
                destination[written++] = (byte)'.';
            }

            destination[written++] = digits[i];
        }

        return written;
    }

    /// <summary>
    /// <c>yyyy-MM-dd</c> for DATE, <c>yyyy-MM-dd HH:mm:ss</c> (plus exactly the column's fraction digits)
    /// for DATETIME, with valid fields: already the stored form.
    /// </summary>
    private bool IsCanonicalTemporal(ReadOnlySpan<byte> text)
    {
        var length = Type.Kind == TypeKind.Date ? 10 : Type.Precision == 0 ? 19 : 20 + Type.Precision;
        if (text.Length != length || text[4] != '-' || text[7] != '-')
        {
            return false;
        }

        if (!Number(text[..4], out var year) || !Number(text.Slice(5, 2), out var month) || !Number(text.Slice(8, 2), out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        if (Type.Kind == TypeKind.Date)
        {
            return true;
        }

        return text[10] == ' ' && text[13] == ':' && text[16] == ':'
               && Number(text.Slice(11, 2), out var hour) && hour <= 23
               && Number(text.Slice(14, 2), out var minute) && minute <= 59
               && Number(text.Slice(17, 2), out var second) && second <= 59
               && (Type.Precision == 0 || (text[19] == '.' && Number(text[20..], out _)));
    }

    private static bool Number(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (c is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = value * 10 + (c - '0');
        }

        return true;
    }
}
