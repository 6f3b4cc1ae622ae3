using System.Numerics;
using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Sql.Evaluation;

/// <summary>
/// Arithmetic on values already converted to the operation's operand type. Division by zero and
/// overflow give NULL, as Doris does.
/// </summary>
public static class Arithmetic
{
    public static SqlValue Apply(BinaryOperator op, SqlValue left, SqlValue right, DataType result)
    {
        if (left.IsNull || right.IsNull)
        {
            return SqlValue.Null;
        }

        if (op == BinaryOperator.IntegerDivide)
        {
            return IntegerDivide(left, right, result);
        }

        return result.Kind switch
        {
            TypeKind.Double or TypeKind.Float => Double(op, AsDouble(left), AsDouble(right)),
            TypeKind.Decimal => Decimal(op, AsDecimal(left), AsDecimal(right), result),
            _ => Integer(op, AsInteger(left), AsInteger(right), result),
        };
    }

    public static SqlValue Modulo(SqlValue left, SqlValue right) => left.Kind switch
    {
        ValueKind.Double => Double(BinaryOperator.Modulo, left.AsDouble, AsDouble(right)),
        ValueKind.Decimal => Decimal(BinaryOperator.Modulo, left.AsDecimal, AsDecimal(right),
            DataType.Decimal(DataType.MaxDecimalPrecision, Math.Max(left.AsDecimal.Scale, AsDecimal(right).Scale))),
        ValueKind.LargeInt => Integer(BinaryOperator.Modulo, left.AsLargeInt, AsInteger(right), DataType.LargeInt),
        _ => Integer(BinaryOperator.Modulo, AsInteger(left), AsInteger(right), DataType.BigInt),
    };

    public static SqlValue Negate(SqlValue value) => value.Kind switch
    {
        ValueKind.Integer => value.AsInteger == long.MinValue ? SqlValue.FromLargeInt(-(Int128)long.MinValue) : SqlValue.FromInteger(-value.AsInteger),
        ValueKind.LargeInt => SqlValue.FromLargeInt(-value.AsLargeInt),
        ValueKind.Decimal => SqlValue.FromDecimal(value.AsDecimal with { Unscaled = -value.AsDecimal.Unscaled }),
        ValueKind.Double => SqlValue.FromDouble(-value.AsDouble),
        ValueKind.Boolean => SqlValue.FromInteger(value.AsBoolean ? -1 : 0),
        _ => SqlValue.Null,
    };

    private static SqlValue Double(BinaryOperator op, double left, double right)
    {
        double value = op switch
        {
            BinaryOperator.Add => left + right,
            BinaryOperator.Subtract => left - right,
            BinaryOperator.Multiply => left * right,
            BinaryOperator.Divide => right == 0 ? double.NaN : left / right,
            BinaryOperator.Modulo => right == 0 ? double.NaN : left % right,
            _ => double.NaN,
        };
        return double.IsFinite(value) ? SqlValue.FromDouble(value) : SqlValue.Null;
    }

    private static SqlValue Integer(BinaryOperator op, Int128 left, Int128 right, DataType result)
    {
        Int128 value;
        try
        {
            value = op switch
            {
                BinaryOperator.Add => checked(left + right),
                BinaryOperator.Subtract => checked(left - right),
                BinaryOperator.Multiply => checked(left * right),
                BinaryOperator.Modulo when right == 0 => throw new DivideByZeroException(),
                BinaryOperator.Modulo => left % right,
                _ => throw new InvalidOperationException($"{op} is not an integer operation"),
            };
        }
        catch (Exception e) when (e is OverflowException or DivideByZeroException)
        {
            return SqlValue.Null;
        }

        if (result.Kind == TypeKind.LargeInt)
        {
            return SqlValue.FromLargeInt(value);
        }

        return value < long.MinValue || value > long.MaxValue ? SqlValue.Null : SqlValue.FromInteger((long)value);
    }

    private static SqlValue Decimal(BinaryOperator op, SqlDecimal left, SqlDecimal right, DataType result)
    {
        BigInteger unscaled;
        int scale;
        switch (op)
        {
            case BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Modulo:
                scale = Math.Max(left.Scale, right.Scale);
                var a = (BigInteger)left.Unscaled * BigInteger.Pow(10, scale - left.Scale);
                var b = (BigInteger)right.Unscaled * BigInteger.Pow(10, scale - right.Scale);
                if (op == BinaryOperator.Modulo && b.IsZero)
                {
                    return SqlValue.Null;
                }

                unscaled = op switch { BinaryOperator.Add => a + b, BinaryOperator.Subtract => a - b, _ => BigInteger.Remainder(a, b) };
                break;
            case BinaryOperator.Multiply:
                unscaled = (BigInteger)left.Unscaled * right.Unscaled;
                scale = left.Scale + right.Scale;
                break;
            case BinaryOperator.Divide:
                if (right.Unscaled == 0)
                {
                    return SqlValue.Null;
                }

                // left / right at the result scale: left · 10^(scale − ls + rs) / right, rounded half away from zero.
                scale = result.Scale;
                var numerator = (BigInteger)left.Unscaled * BigInteger.Pow(10, scale - left.Scale + right.Scale + 1);
                var quotient = BigInteger.Divide(numerator, right.Unscaled);
                unscaled = BigInteger.Divide(quotient + (quotient.Sign < 0 ? -5 : 5), 10);
                break;
            default:
                return SqlValue.Null;
        }

        return FromBig(unscaled, scale, result);
    }

    private static SqlValue FromBig(BigInteger unscaled, int scale, DataType result)
    {
        if (scale > result.Scale)
        {
            var divisor = BigInteger.Pow(10, scale - result.Scale);
            var (quotient, remainder) = BigInteger.DivRem(unscaled, divisor);
            if (BigInteger.Abs(remainder) * 2 >= divisor)
            {
                quotient += unscaled.Sign < 0 ? -1 : 1;
            }

            unscaled = quotient;
        }
        else if (scale < result.Scale)
        {
            unscaled *= BigInteger.Pow(10, result.Scale - scale);
        }

        if (BigInteger.Abs(unscaled) >= BigInteger.Pow(10, result.Precision))
        {
            return SqlValue.Null;
        }

        return SqlValue.FromDecimal(new SqlDecimal((Int128)unscaled, result.Scale));
    }

    private static SqlValue IntegerDivide(SqlValue left, SqlValue right, DataType result)
    {
        if (left.Kind == ValueKind.Double || right.Kind == ValueKind.Double)
        {
            var divisor = AsDouble(right);
            var quotient = divisor == 0 ? double.NaN : Math.Truncate(AsDouble(left) / divisor);
            return double.IsFinite(quotient) && Math.Abs(quotient) < 9.2e18 ? SqlValue.FromInteger((long)quotient) : SqlValue.Null;
        }

        var a = AsDecimal(left);
        var b = AsDecimal(right);
        if (b.Unscaled == 0)
        {
            return SqlValue.Null;
        }

        var scale = Math.Max(a.Scale, b.Scale);
        var value = (BigInteger)a.Unscaled * BigInteger.Pow(10, scale - a.Scale) / ((BigInteger)b.Unscaled * BigInteger.Pow(10, scale - b.Scale));
        if (result.Kind == TypeKind.LargeInt)
        {
            return SqlValue.FromLargeInt((Int128)value);
        }

        return value < long.MinValue || value > long.MaxValue ? SqlValue.Null : SqlValue.FromInteger((long)value);
    }

    public static double AsDouble(SqlValue value) => value.Kind switch
    {
        ValueKind.Double => value.AsDouble,
        ValueKind.Integer => value.AsInteger,
        ValueKind.LargeInt => (double)value.AsLargeInt,
        ValueKind.Decimal => value.AsDecimal.ToDouble(),
        ValueKind.Boolean => value.AsBoolean ? 1 : 0,
        _ => double.NaN,
    };

    private static Int128 AsInteger(SqlValue value) => value.Kind switch
    {
        ValueKind.Integer => value.AsInteger,
        ValueKind.LargeInt => value.AsLargeInt,
        ValueKind.Boolean => value.AsBoolean ? 1 : 0,
        ValueKind.Decimal => value.AsDecimal.TruncateToInteger(),
        _ => (Int128)Math.Truncate(AsDouble(value)),
    };

    private static SqlDecimal AsDecimal(SqlValue value) => value.Kind switch
    {
        ValueKind.Decimal => value.AsDecimal,
        ValueKind.Integer => new SqlDecimal(value.AsInteger, 0),
        ValueKind.LargeInt => new SqlDecimal(value.AsLargeInt, 0),
        ValueKind.Boolean => new SqlDecimal(value.AsBoolean ? 1 : 0, 0),
        _ => SqlDecimal.FromDouble(AsDouble(value)) ?? default,
    };
}
