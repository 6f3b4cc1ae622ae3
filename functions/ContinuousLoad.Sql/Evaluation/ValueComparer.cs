using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Sql.Evaluation;

/// <summary>Orders two non-NULL values of comparable kinds: numbers numerically, strings by UTF-8 bytes (as Doris), dates in time order.</summary>
public sealed class ValueComparer : IComparer<SqlValue>
{
    public static ValueComparer Instance { get; } = new();

    int IComparer<SqlValue>.Compare(SqlValue x, SqlValue y) => Compare(x, y);

    public static int Compare(SqlValue left, SqlValue right)
    {
        if (left.IsNull || right.IsNull)
        {
            // NULL sorts first, as in Doris's ascending order.
            return left.IsNull.CompareTo(right.IsNull) * -1;
        }

        if (left.Kind == right.Kind)
        {
            return left.Kind switch
            {
                ValueKind.Boolean => left.AsBoolean.CompareTo(right.AsBoolean),
                ValueKind.Integer => left.AsInteger.CompareTo(right.AsInteger),
                ValueKind.LargeInt => left.AsLargeInt.CompareTo(right.AsLargeInt),
                ValueKind.Double => left.AsDouble.CompareTo(right.AsDouble),
                ValueKind.Decimal => left.AsDecimal.CompareTo(right.AsDecimal),
                ValueKind.Date => left.AsDate.CompareTo(right.AsDate),
                ValueKind.DateTime => left.AsDateTimeMicros.CompareTo(right.AsDateTimeMicros),
                ValueKind.String => CompareUtf8Order(left.AsString, right.AsString),
                ValueKind.Json => string.CompareOrdinal(left.AsJson, right.AsJson),
                ValueKind.Array => CompareArrays(left, right),
                _ => 0,
            };
        }

        return CompareAcrossKinds(left, right);
    }

    /// <summary>UTF-16 ordinal order equals UTF-8 byte order except for surrogates against U+E000..U+FFFF; fix that case.</summary>
    public static int CompareUtf8Order(string left, string right)
    {
        var length = Math.Min(left.Length, right.Length);
        for (var i = 0; i < length; i++)
        {
            var a = left[i];
            var b = right[i];
            if (a != b)
            {
                if (char.IsSurrogate(a) != char.IsSurrogate(b) && (a >= '\uE000' || b >= '\uE000'))
                {
                    return char.IsSurrogate(a) ? 1 : -1;
                }

                return a.CompareTo(b);
            }
        }

        return left.Length.CompareTo(right.Length);
    }

    private static int CompareArrays(SqlValue left, SqlValue right)
    {
        var a = left.AsArray;
        var b = right.AsArray;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var order = Compare(a[i], b[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    private static int CompareAcrossKinds(SqlValue left, SqlValue right)
    {
        if (IsExact(left) && IsExact(right))
        {
            return ToDecimal(left).CompareTo(ToDecimal(right));
        }

        if (IsNumber(left) && IsNumber(right))
        {
            return ToDouble(left).CompareTo(ToDouble(right));
        }

        if (left.Kind is ValueKind.Date or ValueKind.DateTime && right.Kind is ValueKind.Date or ValueKind.DateTime)
        {
            return Micros(left).CompareTo(Micros(right));
        }

        return CompareUtf8Order(left.ToString(), right.ToString());
    }

    private static bool IsExact(SqlValue value) => value.Kind is ValueKind.Boolean or ValueKind.Integer or ValueKind.LargeInt or ValueKind.Decimal;

    private static bool IsNumber(SqlValue value) => IsExact(value) || value.Kind == ValueKind.Double;

    private static SqlDecimal ToDecimal(SqlValue value) => value.Kind switch
    {
        ValueKind.Boolean => new SqlDecimal(value.AsBoolean ? 1 : 0, 0),
        ValueKind.Integer => new SqlDecimal(value.AsInteger, 0),
        ValueKind.LargeInt => new SqlDecimal(value.AsLargeInt, 0),
        _ => value.AsDecimal,
    };

    private static double ToDouble(SqlValue value) => value.Kind == ValueKind.Double ? value.AsDouble : ToDecimal(value).ToDouble();

    private static long Micros(SqlValue value) =>
        value.Kind == ValueKind.Date ? (long)value.AsDate.DayNumber * 86_400_000_000 : value.AsDateTimeMicros;
}
