namespace ContinuousLoad.Sql.Types;

/// <summary>
/// How Doris combines types: the common type of compared or alternative values, and the result
/// types of arithmetic. Integers widen to BIGINT (LARGEINT when one is LARGEINT); anything with a
/// DOUBLE or FLOAT is DOUBLE; exact decimals stay exact with Doris's precision and scale rules.
/// </summary>
public static class TypeRules
{
    /// <summary>The type both values convert to for comparison, IF/COALESCE/CASE results and IN lists.</summary>
    public static DataType Common(DataType left, DataType right)
    {
        if (left.Kind == TypeKind.Null)
        {
            return right;
        }

        if (right.Kind == TypeKind.Null || left == right)
        {
            return left;
        }

        if (left.IsString && right.IsString)
        {
            return left.Kind == TypeKind.Varchar && right.Kind == TypeKind.Varchar
                ? DataType.Varchar(Math.Max(left.Length, right.Length))
                : DataType.String;
        }

        if (left.IsTemporal && right.IsTemporal)
        {
            return left.Kind == TypeKind.Date && right.Kind == TypeKind.Date
                ? DataType.Date
                : DataType.DateTime(Math.Max(left.Kind == TypeKind.DateTime ? left.Precision : 0, right.Kind == TypeKind.DateTime ? right.Precision : 0));
        }

        // A string compared with a date or number takes the other side's type (a literal like '2024-01-01' or '5').
        if (left.IsString && (right.IsTemporal || right.IsNumeric))
        {
            return right.IsTemporal ? right : DataType.Double;
        }

        if (right.IsString && (left.IsTemporal || left.IsNumeric))
        {
            return left.IsTemporal ? left : DataType.Double;
        }

        if (left.IsNumeric && right.IsNumeric)
        {
            return CommonNumeric(left, right);
        }

        if (left.Kind == TypeKind.Array && right.Kind == TypeKind.Array)
        {
            return DataType.Array(Common(left.Element!, right.Element!));
        }

        return DataType.String;
    }

    public static DataType CommonNumeric(DataType left, DataType right)
    {
        if (left.Kind is TypeKind.Double or TypeKind.Float || right.Kind is TypeKind.Double or TypeKind.Float)
        {
            return DataType.Double;
        }

        if (left.Kind == TypeKind.Decimal || right.Kind == TypeKind.Decimal)
        {
            var a = AsDecimal(left);
            var b = AsDecimal(right);
            var scale = Math.Max(a.Scale, b.Scale);
            var integerDigits = Math.Max(a.Precision - a.Scale, b.Precision - b.Scale);
            return Decimal(integerDigits + scale, scale);
        }

        return Rank(left) >= Rank(right) ? left : right;
    }

    /// <summary>Result type of <c>+ - * / DIV %</c> on numeric operands.</summary>
    public static DataType Arithmetic(Syntax.Expressions.BinaryOperator op, DataType left, DataType right)
    {
        if (!left.IsNumeric && left.Kind != TypeKind.Null || !right.IsNumeric && right.Kind != TypeKind.Null)
        {
            // MySQL arithmetic on strings and dates goes through DOUBLE.
            return op == Syntax.Expressions.BinaryOperator.IntegerDivide ? DataType.BigInt : DataType.Double;
        }

        var common = CommonNumeric(left.Kind == TypeKind.Null ? right : left, right.Kind == TypeKind.Null ? left : right);
        if (common.Kind == TypeKind.Null)
        {
            common = DataType.BigInt;
        }

        switch (op)
        {
            case Syntax.Expressions.BinaryOperator.IntegerDivide:
                return common.Kind == TypeKind.LargeInt ? DataType.LargeInt : DataType.BigInt;
            case Syntax.Expressions.BinaryOperator.Divide:
                if (common.Kind != TypeKind.Decimal)
                {
                    return DataType.Double;
                }

                // Doris DECIMALV3: the dividend's scale plus div_precision_increment (4).
                var dividend = AsDecimal(left.Kind == TypeKind.Null ? right : left);
                return Decimal(DataType.MaxDecimalPrecision, Math.Min(dividend.Scale + 4, DataType.MaxDecimalPrecision));
        }

        if (common.Kind is TypeKind.Double)
        {
            return DataType.Double;
        }

        if (common.Kind != TypeKind.Decimal)
        {
            return common.Kind == TypeKind.LargeInt ? DataType.LargeInt : DataType.BigInt;
        }

        var l = AsDecimal(left.Kind == TypeKind.Null ? right : left);
        var r = AsDecimal(right.Kind == TypeKind.Null ? left : right);
        return op switch
        {
            Syntax.Expressions.BinaryOperator.Multiply => Decimal(l.Precision + r.Precision, l.Scale + r.Scale),
            Syntax.Expressions.BinaryOperator.Modulo => Decimal(Math.Max(l.Precision - l.Scale, r.Precision - r.Scale) + Math.Max(l.Scale, r.Scale), Math.Max(l.Scale, r.Scale)),
            _ => Decimal(Math.Max(l.Precision - l.Scale, r.Precision - r.Scale) + Math.Max(l.Scale, r.Scale) + 1, Math.Max(l.Scale, r.Scale)),
        };
    }

    /// <summary>An integer or boolean type seen as the decimal that holds every value of it.</summary>
    public static DataType AsDecimal(DataType type) => type.Kind switch
    {
        TypeKind.Decimal => type,
        TypeKind.Boolean => DataType.Decimal(1, 0),
        TypeKind.TinyInt => DataType.Decimal(3, 0),
        TypeKind.SmallInt => DataType.Decimal(5, 0),
        TypeKind.Int => DataType.Decimal(10, 0),
        TypeKind.BigInt => DataType.Decimal(19, 0),
        _ => DataType.Decimal(DataType.MaxDecimalPrecision, 0),
    };

    /// <summary>DECIMAL(p, s) capped at 38 digits, giving up integer digits before fraction digits.</summary>
    public static DataType Decimal(int precision, int scale)
    {
        scale = Math.Min(scale, DataType.MaxDecimalPrecision);
        precision = Math.Clamp(precision, Math.Max(scale, 1), DataType.MaxDecimalPrecision);
        return DataType.Decimal(precision, scale);
    }

    private static int Rank(DataType type) => type.Kind switch
    {
        TypeKind.Boolean => 0,
        TypeKind.TinyInt => 1,
        TypeKind.SmallInt => 2,
        TypeKind.Int => 3,
        TypeKind.BigInt => 4,
        TypeKind.LargeInt => 5,
        _ => 6,
    };
}
