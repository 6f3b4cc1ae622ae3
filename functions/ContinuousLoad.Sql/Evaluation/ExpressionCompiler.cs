using ContinuousLoad.Sql.Limits;
using ContinuousLoad.Sql.Binding;
using ContinuousLoad.Sql.Conversion;
using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Sql.Evaluation;

/// <summary>Turns bound expressions into closures; SQL's three-valued logic and NULL rules live here.</summary>
public static class ExpressionCompiler
{
    /// <summary>A root expression: each evaluation starts a new <see cref="TextBudget"/>.</summary>
    public static CompiledExpression Compile(BoundExpression expression)
    {
        var root = Node(expression);
        return (row, context) =>
        {
            TextBudget.Start();
            return root(row, context);
        };
    }

    private static CompiledExpression Node(BoundExpression expression)
    {
        StackGuard.Ensure();
        return expression switch
        {
            BoundLiteral literal => Constant(literal.Value),
            BoundColumn column => Column(column.Ordinal),
            BoundCast cast => Cast(cast),
            BoundCall call => Call(call),
            BoundUnary unary => Unary(unary),
            BoundBinary binary => Binary(binary),
            BoundIsNull isNull => IsNull(isNull),
            BoundIn @in => In(@in),
            BoundLike like => Like(like),
            BoundCase @case => Case(@case),
            _ => throw new SqlSemanticException($"{expression.GetType().Name} cannot be evaluated here"),
        };
    }

    /// <summary>Evaluates a condition: true only when the value is a true boolean (NULL and false are both "not selected").</summary>
    public static bool IsTrue(SqlValue value) => !value.IsNull && value.Kind == ValueKind.Boolean && value.AsBoolean;

    private static CompiledExpression Constant(SqlValue value) => (_, _) => value;

    private static CompiledExpression Column(int ordinal) => (row, _) => row[ordinal];

    private static CompiledExpression Cast(BoundCast cast)
    {
        var operand = Node(cast.Operand);
        var source = cast.Operand.Type;
        var target = cast.Type;
        return (row, context) => ValueConverter.Convert(operand(row, context), source, target, context.TimeZone).Value;
    }

    private static CompiledExpression Call(BoundCall call)
    {
        var arguments = call.Arguments.Select(Node).ToArray();
        var buffer = new SqlValue[arguments.Length];
        var function = call.Function;
        var resultType = call.Type;
        var resultKind = KindOf(resultType);
        return (row, context) =>
        {
            for (var i = 0; i < arguments.Length; i++)
            {
                var value = arguments[i](row, context);
                if (value.IsNull && function.PropagatesNull)
                {
                    return SqlValue.Null;
                }

                buffer[i] = value;
            }

            var result = function.Body(buffer, context);
            if (result.Kind == ValueKind.String)
            {
                TextBudget.Charge(result.AsString.Length);
            }

            // Bodies may answer in a neighbouring kind (a DATETIME for a DATE result, another decimal scale);
            // keep values true to the declared type.
            return (result.Kind == resultKind && (resultKind != ValueKind.Decimal || result.DecimalScale == resultType.Scale)) || result.IsNull
                ? result
                : ValueConverter.Convert(result, resultType, resultType, context.TimeZone).Value;
        };
    }

    /// <summary>The value kind that represents values of <paramref name="type"/>.</summary>
    public static ValueKind KindOf(DataType type) => type.Kind switch
    {
        TypeKind.Null => ValueKind.Null,
        TypeKind.Boolean => ValueKind.Boolean,
        TypeKind.TinyInt or TypeKind.SmallInt or TypeKind.Int or TypeKind.BigInt => ValueKind.Integer,
        TypeKind.LargeInt => ValueKind.LargeInt,
        TypeKind.Float or TypeKind.Double => ValueKind.Double,
        TypeKind.Decimal => ValueKind.Decimal,
        TypeKind.Date => ValueKind.Date,
        TypeKind.DateTime => ValueKind.DateTime,
        TypeKind.Json => ValueKind.Json,
        TypeKind.Array => ValueKind.Array,
        _ => ValueKind.String,
    };

    private static CompiledExpression Unary(BoundUnary unary)
    {
        var operand = Node(unary.Operand);
        return unary.Operator switch
        {
            UnaryOperator.Not => (row, context) => operand(row, context) is { IsNull: false } v ? SqlValue.FromBoolean(!v.AsBoolean) : SqlValue.Null,
            UnaryOperator.Negate => (row, context) => Arithmetic.Negate(operand(row, context)),
            UnaryOperator.BitNot => (row, context) => operand(row, context) is { IsNull: false } v ? SqlValue.FromInteger(~v.AsInteger) : SqlValue.Null,
            _ => operand,
        };
    }

    private static CompiledExpression Binary(BoundBinary binary)
    {
        var left = Node(binary.Left);
        var right = Node(binary.Right);
        var op = binary.Operator;
        switch (op)
        {
            case BinaryOperator.And:
                return (row, context) =>
                {
                    var a = left(row, context);
                    if (!a.IsNull && !a.AsBoolean)
                    {
                        return SqlValue.False;
                    }

                    var b = right(row, context);
                    if (!b.IsNull && !b.AsBoolean)
                    {
                        return SqlValue.False;
                    }

                    return a.IsNull || b.IsNull ? SqlValue.Null : SqlValue.True;
                };
            case BinaryOperator.Or:
                return (row, context) =>
                {
                    var a = left(row, context);
                    if (!a.IsNull && a.AsBoolean)
                    {
                        return SqlValue.True;
                    }

                    var b = right(row, context);
                    if (!b.IsNull && b.AsBoolean)
                    {
                        return SqlValue.True;
                    }

                    return a.IsNull || b.IsNull ? SqlValue.Null : SqlValue.False;
                };
            case BinaryOperator.Xor:
                return (row, context) => left(row, context) is { IsNull: false } a && right(row, context) is { IsNull: false } b
                    ? SqlValue.FromBoolean(a.AsBoolean ^ b.AsBoolean)
                    : SqlValue.Null;
            case BinaryOperator.NullSafeEqual:
                return (row, context) =>
                {
                    var a = left(row, context);
                    var b = right(row, context);
                    return SqlValue.FromBoolean(a.IsNull || b.IsNull ? a.IsNull && b.IsNull : ValueComparer.Compare(a, b) == 0);
                };
            case BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.Less or BinaryOperator.LessOrEqual
                or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual:
                return (row, context) =>
                {
                    var a = left(row, context);
                    if (a.IsNull)
                    {
                        return SqlValue.Null;
                    }

                    var b = right(row, context);
                    return b.IsNull ? SqlValue.Null : SqlValue.FromBoolean(Holds(op, ValueComparer.Compare(a, b)));
                };
            case BinaryOperator.BitAnd or BinaryOperator.BitOr or BinaryOperator.BitXor or BinaryOperator.ShiftLeft or BinaryOperator.ShiftRight:
                return (row, context) => left(row, context) is { IsNull: false } a && right(row, context) is { IsNull: false } b
                    ? SqlValue.FromInteger(Bitwise(op, a.AsInteger, b.AsInteger))
                    : SqlValue.Null;
            default:
                var result = binary.Type;
                return (row, context) => Arithmetic.Apply(op, left(row, context), right(row, context), result);
        }
    }

    private static bool Holds(BinaryOperator op, int order) => op switch
    {
        BinaryOperator.Equal => order == 0,
        BinaryOperator.NotEqual => order != 0,
        BinaryOperator.Less => order < 0,
        BinaryOperator.LessOrEqual => order <= 0,
        BinaryOperator.Greater => order > 0,
        _ => order >= 0,
    };

    private static long Bitwise(BinaryOperator op, long a, long b) => op switch
    {
        BinaryOperator.BitAnd => a & b,
        BinaryOperator.BitOr => a | b,
        BinaryOperator.BitXor => a ^ b,
        BinaryOperator.ShiftLeft => b is < 0 or > 63 ? 0 : a << (int)b,
        _ => b is < 0 or > 63 ? 0 : (long)((ulong)a >> (int)b),
    };

    private static CompiledExpression IsNull(BoundIsNull isNull)
    {
        var operand = Node(isNull.Operand);
        var negated = isNull.Negated;
        return (row, context) => SqlValue.FromBoolean(operand(row, context).IsNull != negated);
    }

    private static CompiledExpression In(BoundIn @in)
    {
        var operand = Node(@in.Operand);
        var items = @in.Items.Select(Node).ToArray();
        var negated = @in.Negated;
        return (row, context) =>
        {
            var value = operand(row, context);
            if (value.IsNull)
            {
                return SqlValue.Null;
            }

            var sawNull = false;
            foreach (var item in items)
            {
                var candidate = item(row, context);
                if (candidate.IsNull)
                {
                    sawNull = true;
                }
                else if (ValueComparer.Compare(value, candidate) == 0)
                {
                    return SqlValue.FromBoolean(!negated);
                }
            }

            return sawNull ? SqlValue.Null : SqlValue.FromBoolean(negated);
        };
    }

    private static CompiledExpression Like(BoundLike like)
    {
        var operand = Node(like.Operand);
        var pattern = Node(like.Pattern);
        var negated = like.Negated;
        var regexp = like.Regexp;
        return (row, context) =>
        {
            var text = operand(row, context);
            var match = pattern(row, context);
            if (text.IsNull || match.IsNull || LikePattern.Matches(text.AsString, match.AsString, regexp) is not { } matches)
            {
                return SqlValue.Null;
            }

            return SqlValue.FromBoolean(matches != negated);
        };
    }

    private static CompiledExpression Case(BoundCase @case)
    {
        var whens = @case.Whens.Select(w => (Condition: Node(w.Condition), Result: Node(w.Result))).ToArray();
        var otherwise = @case.Else is null ? Constant(SqlValue.Null) : Node(@case.Else);
        return (row, context) =>
        {
            foreach (var (condition, result) in whens)
            {
                if (IsTrue(condition(row, context)))
                {
                    return result(row, context);
                }
            }

            return otherwise(row, context);
        };
    }
}
