using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Sql.Functions;

/// <summary>Numeric functions. Rounding is half away from zero, as Doris rounds.</summary>
public static class MathFunctions
{
    public static void Register(FunctionRegistry registry)
    {
        registry.Add(new ScalarFunction("abs", 1, 1, AbsSignature, Abs));
        registry.Add(new ScalarFunction("round", 1, 2, RoundSignature, (a, _) => Round(a, MidpointRounding.AwayFromZero)), "dround");
        registry.Add(new ScalarFunction("truncate", 2, 2, RoundSignature, (a, _) => Round(a, MidpointRounding.ToZero)));
        registry.Add(new ScalarFunction("floor", 1, 1, WholeSignature, (a, _) => Whole(a[0], Math.Floor, floor: true)), "dfloor");
        registry.Add(new ScalarFunction("ceil", 1, 1, WholeSignature, (a, _) => Whole(a[0], Math.Ceiling, floor: false)), "ceiling", "dceil");
        registry.Add(new ScalarFunction("mod", 2, 2, ModSignature, (a, _) => Arithmetic.Modulo(a[0], a[1])), "fmod");
        Double(registry, "sqrt", x => x < 0 ? double.NaN : Math.Sqrt(x), "dsqrt");
        Double(registry, "exp", Math.Exp, "dexp");
        Double(registry, "ln", x => x <= 0 ? double.NaN : Math.Log(x), "dlog1");
        Double(registry, "log10", x => x <= 0 ? double.NaN : Math.Log10(x), "dlog10");
        Double(registry, "log2", x => x <= 0 ? double.NaN : Math.Log2(x));
        registry.Add(new ScalarFunction("pow", 2, 2, Signatures.Fixed(DataType.Double, DataType.Double),
            (a, _) => Finite(Math.Pow(a[0].AsDouble, a[1].AsDouble))), "power", "dpow");
        registry.Add(new ScalarFunction("sign", 1, 1, Signatures.Fixed(DataType.TinyInt, DataType.Double),
            (a, _) => SqlValue.FromInteger(Math.Sign(a[0].AsDouble))));
        registry.Add(new ScalarFunction("pi", 0, 0, Signatures.Fixed(DataType.Double), (_, _) => SqlValue.FromDouble(Math.PI)));
    }

    private static void Double(FunctionRegistry registry, string name, Func<double, double> body, params string[] aliases) =>
        registry.Add(new ScalarFunction(name, 1, 1, Signatures.Fixed(DataType.Double, DataType.Double),
            (a, _) => Finite(body(a[0].AsDouble))), aliases);

    private static SqlValue Finite(double value) => double.IsFinite(value) ? SqlValue.FromDouble(value) : SqlValue.Null;

    private static FunctionSignature AbsSignature(IReadOnlyList<DataType> arguments, IReadOnlyList<SqlValue?> constants)
    {
        var type = Signatures.Numeric(arguments[0]);
        var result = type.IsInteger ? type.Kind == TypeKind.LargeInt ? DataType.LargeInt : DataType.BigInt : type;
        return new FunctionSignature([result], result);
    }

    private static SqlValue Abs(ReadOnlySpan<SqlValue> arguments, EvaluationContext context)
    {
        var value = arguments[0];
        return value.Kind switch
        {
            ValueKind.Integer => value.AsInteger == long.MinValue ? SqlValue.Null : SqlValue.FromInteger(Math.Abs(value.AsInteger)),
            ValueKind.LargeInt => SqlValue.FromLargeInt(Int128.Abs(value.AsLargeInt)),
            ValueKind.Decimal => SqlValue.FromDecimal(value.AsDecimal with { Unscaled = Int128.Abs(value.AsDecimal.Unscaled) }),
            _ => SqlValue.FromDouble(Math.Abs(value.AsDouble)),
        };
    }

    /// <summary>round(x[, d]): a decimal keeps min(d, scale) digits; a double stays double; an integer stays an integer.</summary>
    private static FunctionSignature RoundSignature(IReadOnlyList<DataType> arguments, IReadOnlyList<SqlValue?> constants)
    {
        var type = Signatures.Numeric(arguments[0]);
        var digits = arguments.Count > 1 && constants[1] is { Kind: ValueKind.Integer } d ? (int)Math.Clamp(d.AsInteger, -38, 38) : 0;
        var result = type.Kind switch
        {
            TypeKind.Decimal when arguments.Count == 1 || constants[1] is { Kind: ValueKind.Integer } =>
                TypeRules.Decimal(type.Precision, Math.Clamp(digits, 0, type.Scale)),
            TypeKind.Decimal => type,
            TypeKind.Float or TypeKind.Double => DataType.Double,
            TypeKind.LargeInt => DataType.LargeInt,
            _ => DataType.BigInt,
        };
        var parameter = type.IsInteger && type.Kind != TypeKind.LargeInt ? DataType.BigInt : type.Kind == TypeKind.Float ? DataType.Double : type;
        return new FunctionSignature(arguments.Count == 1 ? [parameter] : [parameter, DataType.BigInt], result);
    }

    private static SqlValue Round(ReadOnlySpan<SqlValue> arguments, MidpointRounding mode)
    {
        var value = arguments[0];
        var digits = arguments.Length > 1 ? (int)Math.Clamp(arguments[1].AsInteger, -38, 38) : 0;
        switch (value.Kind)
        {
            case ValueKind.Double:
                var factor = Math.Pow(10, digits);
                var rounded = mode == MidpointRounding.ToZero
                    ? Math.Truncate(value.AsDouble * factor) / factor
                    : digits >= 0 && digits <= 15 ? Math.Round(value.AsDouble, digits, mode) : Math.Round(value.AsDouble * factor, mode) / factor;
                return Finite(rounded);
            case ValueKind.Decimal:
                var number = value.AsDecimal;
                var scale = Math.Clamp(digits, 0, number.Scale);
                var kept = mode == MidpointRounding.ToZero
                    ? new SqlDecimal(number.Unscaled / SqlDecimal.Pow10(number.Scale - scale), scale)
                    : number.Rescale(scale) ?? number;
                if (digits < 0)
                {
                    var unit = SqlDecimal.Pow10(Math.Min(-digits + scale, SqlDecimal.MaxDigits));
                    var unscaled = mode == MidpointRounding.ToZero ? kept.Unscaled / unit * unit : RoundToUnit(kept.Unscaled, unit);
                    kept = kept with { Unscaled = unscaled };
                }

                return SqlValue.FromDecimal(kept);
            case ValueKind.Integer when digits < 0:
                var power = (long)Math.Pow(10, Math.Min(-digits, 18));
                return SqlValue.FromInteger(mode == MidpointRounding.ToZero ? value.AsInteger / power * power : (long)RoundToUnit(value.AsInteger, power));
            default:
                return value;
        }
    }

    private static Int128 RoundToUnit(Int128 value, Int128 unit)
    {
        var (quotient, remainder) = Int128.DivRem(value, unit);
        if (Int128.Abs(remainder) * 2 >= unit)
        {
            quotient += value < 0 ? -1 : 1;
        }

        return quotient * unit;
    }

    private static FunctionSignature WholeSignature(IReadOnlyList<DataType> arguments, IReadOnlyList<SqlValue?> constants)
    {
        var type = Signatures.Numeric(arguments[0]);
        if (type.IsInteger)
        {
            return new FunctionSignature([type], type);
        }

        return type.Kind == TypeKind.Decimal
            ? new FunctionSignature([type], TypeRules.Decimal(type.Precision - type.Scale + 1, 0))
            : new FunctionSignature([DataType.Double], DataType.BigInt);
    }

    private static SqlValue Whole(SqlValue value, Func<double, double> round, bool floor)
    {
        switch (value.Kind)
        {
            case ValueKind.Double:
                var whole = round(value.AsDouble);
                return whole is >= long.MinValue and <= long.MaxValue ? SqlValue.FromInteger((long)whole) : SqlValue.Null;
            case ValueKind.Decimal:
                var number = value.AsDecimal;
                var (quotient, remainder) = Int128.DivRem(number.Unscaled, SqlDecimal.Pow10(number.Scale));
                if (remainder != 0 && (floor ? number.Unscaled < 0 : number.Unscaled > 0))
                {
                    quotient += floor ? -1 : 1;
                }

                return SqlValue.FromDecimal(new SqlDecimal(quotient, 0));
            default:
                return value;
        }
    }

    private static FunctionSignature ModSignature(IReadOnlyList<DataType> arguments, IReadOnlyList<SqlValue?> constants)
    {
        var operand = TypeRules.CommonNumeric(Signatures.Numeric(arguments[0]), Signatures.Numeric(arguments[1]));
        var result = TypeRules.Arithmetic(Syntax.Expressions.BinaryOperator.Modulo, operand, operand);
        var parameter = operand.IsInteger ? result : operand;
        return new FunctionSignature([parameter, parameter], result);
    }
}
