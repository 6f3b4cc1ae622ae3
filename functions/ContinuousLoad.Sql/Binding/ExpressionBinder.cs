using System.Collections.Immutable;
using ContinuousLoad.Sql.Limits;
using ContinuousLoad.Sql.Conversion;
using ContinuousLoad.Sql.Functions;
using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Sql.Binding;

/// <summary>
/// Resolves names and decides types, inserting the conversions operations need. Literal conversions
/// happen here, once, not per row.
/// </summary>
public sealed class ExpressionBinder(
    IColumnScope scope,
    FunctionRegistry? functions = null,
    IAggregateBinder? aggregates = null,
    TimeZoneInfo? timeZone = null)
{
    private static readonly HashSet<string> IntervalFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "date_add", "adddate", "date_sub", "subdate",
    };

    /// <summary>
    /// Bound nodes one binder may make. Binding repeats some operands (a BETWEEN's operand is compared
    /// twice, a simple CASE's operand once per WHEN), so nesting them multiplies the work; this cap keeps
    /// a short hostile expression from binding for minutes. Real expressions stay far below it.
    /// </summary>
    public const int MaxBoundNodes = 200_000;

    private readonly FunctionRegistry _functions = functions ?? FunctionRegistry.Default;
    private int _bound;

    /// <summary>The session zone literal conversions are folded in (strings with a zone suffix shift into it).</summary>
    public TimeZoneInfo TimeZone { get; } = timeZone ?? TimeZoneInfo.Utc;

    public BoundExpression Bind(Expression expression)
    {
        StackGuard.Ensure();
        if (++_bound > MaxBoundNodes)
        {
            throw new SqlLimitException(
                $"The expression is too complex: binding it takes more than {MaxBoundNodes} steps (a nested BETWEEN or CASE operand repeats its operand); simplify it.");
        }

        return expression switch
        {
            LiteralExpression literal => new BoundLiteral(literal.Value, literal.Type),
            ColumnReference column => scope.Resolve(column),
            CastExpression cast => Convert(Bind(cast.Operand), cast.Target, TimeZone, explicitCast: true),
            FunctionCall call => BindCall(call),
            UnaryExpression unary => BindUnary(unary),
            BinaryExpression binary => BindBinary(binary),
            IsNullExpression isNull => new BoundIsNull(Bind(isNull.Operand), isNull.Negated),
            InExpression @in => BindIn(@in),
            BetweenExpression between => BindBetween(between),
            LikeExpression like => new BoundLike(Convert(Bind(like.Operand), DataType.String, TimeZone), Convert(Bind(like.Pattern), DataType.String, TimeZone), like.Negated, like.Regexp),
            CaseExpression @case => BindCase(@case),
            StarExpression => throw new SqlSemanticException("'*' is only allowed in a select list or count(*)"),
            IntervalExpression => throw new SqlSemanticException("INTERVAL is only allowed in date arithmetic, e.g. date_add(d, INTERVAL 1 DAY)"),
            DefaultExpression => throw new SqlSemanticException("DEFAULT is only allowed as an INSERT value"),
            SubqueryExpression => throw new SqlSemanticException("subqueries are not supported here"),
            SystemVariableExpression variable => throw new SqlSemanticException(
                $"@@{variable.Name} can only be selected with other variables and session functions, without FROM (SELECT @@{variable.Name}, DATABASE())"),
            _ => throw new SqlSemanticException($"unsupported expression {expression}"),
        };
    }

    /// <summary>Binds a condition (WHERE, HAVING, ON, CASE WHEN): the value is read as a boolean.</summary>
    public BoundExpression BindCondition(Expression expression) => Convert(Bind(expression), DataType.Boolean, TimeZone);

    /// <summary>
    /// Converts to <paramref name="target"/>: nothing for values that already have its representation;
    /// literals are converted now (a literal that does not convert becomes NULL, as CAST gives).
    /// </summary>
    public static BoundExpression Convert(BoundExpression expression, DataType target, TimeZoneInfo timeZone, bool explicitCast = false)
    {
        if (expression.Type == target || (!explicitCast && SharesRepresentation(expression.Type, target)))
        {
            return expression;
        }

        if (expression is BoundLiteral literal)
        {
            return new BoundLiteral(ValueConverter.Convert(literal.Value, literal.Type, target, timeZone).Value, target);
        }

        return new BoundCast(expression, target);
    }

    /// <summary>Types whose values need no conversion to be used as the other (integer widening, string kinds, wider datetimes).</summary>
    private static bool SharesRepresentation(DataType from, DataType to)
    {
        if (from.Kind == TypeKind.Null)
        {
            return false;
        }

        if (from.IsInteger && to.IsInteger && from.Kind != TypeKind.LargeInt && to.Kind != TypeKind.LargeInt)
        {
            return (int)to.Kind >= (int)from.Kind;
        }

        return (from.IsString && to.Kind == TypeKind.String) || (from.Kind == TypeKind.DateTime && to.Kind == TypeKind.DateTime && to.Precision >= from.Precision);
    }

    private BoundExpression BindCall(FunctionCall call)
    {
        if (FunctionRegistry.IsAggregate(call.Name))
        {
            return aggregates?.BindAggregate(call, this)
                ?? throw new SqlSemanticException($"aggregate function {call.Name.ToLowerInvariant()}() is not allowed here");
        }

        if (call.Star || call.Distinct)
        {
            throw new SqlSemanticException($"{call.Name}() is not an aggregate function; '*' and DISTINCT are not allowed in it");
        }

        var function = _functions.Find(call.Name) ?? throw new SqlSemanticException($"Can not found function '{call.Name}'");
        var syntax = call.Arguments.AsImmutableArray();
        if (IntervalFunctions.Contains(call.Name) && syntax.Length == 2 && syntax[1] is IntervalExpression interval)
        {
            syntax = [syntax[0], interval.Value, LiteralExpression.String(interval.Unit)];
        }

        if (syntax.Length < function.MinArguments || syntax.Length > function.MaxArguments)
        {
            var expected = function.MinArguments == function.MaxArguments
                ? $"{function.MinArguments}"
                : function.MaxArguments == ScalarFunction.Variadic ? $"at least {function.MinArguments}" : $"{function.MinArguments} to {function.MaxArguments}";
            throw new SqlSemanticException($"Function {call.Name.ToLowerInvariant()} takes {expected} argument(s), not {syntax.Length}");
        }

        return BindCall(function, syntax.Select(Bind).ToImmutableArray());
    }

    public BoundCall BindCall(ScalarFunction function, ImmutableArray<BoundExpression> arguments)
    {
        var types = arguments.Select(a => a.Type).ToArray();
        var constants = arguments.Select(a => a is BoundLiteral literal ? literal.Value : (SqlValue?)null).ToArray();
        var signature = function.Resolve(types, constants);
        var converted = arguments.Select((argument, i) => Convert(argument, signature.Parameters[i], TimeZone)).ToImmutableArray();
        return new BoundCall(function, converted, signature.Result);
    }

    private BoundExpression BindUnary(UnaryExpression unary)
    {
        var operand = Bind(unary.Operand);
        return unary.Operator switch
        {
            UnaryOperator.Not => new BoundUnary(UnaryOperator.Not, Convert(operand, DataType.Boolean, TimeZone), DataType.Boolean),
            UnaryOperator.BitNot => new BoundUnary(UnaryOperator.BitNot, Convert(operand, DataType.BigInt, TimeZone), DataType.BigInt),
            UnaryOperator.Plus => operand,
            _ => Negate(operand),
        };
    }

    private BoundExpression Negate(BoundExpression operand)
    {
        var type = Signatures.Numeric(operand.Type);
        if (type.IsInteger && type.Kind != TypeKind.LargeInt)
        {
            type = DataType.BigInt;
        }

        return new BoundUnary(UnaryOperator.Negate, Convert(operand, type, TimeZone), type);
    }

    private BoundExpression BindBinary(BinaryExpression binary)
    {
        var op = binary.Operator;
        if (op is BinaryOperator.Add or BinaryOperator.Subtract && (binary.Right is IntervalExpression || binary.Left is IntervalExpression))
        {
            var (value, interval) = binary.Right is IntervalExpression after ? (binary.Left, after) : (binary.Right, (IntervalExpression)binary.Left);
            var name = op == BinaryOperator.Add ? "date_add" : "date_sub";
            return BindCall(new FunctionCall(name, new Syntax.NodeList<Expression>([value, interval])));
        }

        var left = Bind(binary.Left);
        var right = Bind(binary.Right);
        switch (op)
        {
            case BinaryOperator.And or BinaryOperator.Or or BinaryOperator.Xor:
                return new BoundBinary(op, Convert(left, DataType.Boolean, TimeZone), Convert(right, DataType.Boolean, TimeZone), DataType.Boolean, DataType.Boolean);
            case BinaryOperator.Equal or BinaryOperator.NullSafeEqual or BinaryOperator.NotEqual or BinaryOperator.Less
                or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual:
                var common = TypeRules.Common(left.Type, right.Type);
                return new BoundBinary(op, Convert(left, common, TimeZone), Convert(right, common, TimeZone), common, DataType.Boolean);
            case BinaryOperator.BitAnd or BinaryOperator.BitOr or BinaryOperator.BitXor or BinaryOperator.ShiftLeft or BinaryOperator.ShiftRight:
                return new BoundBinary(op, Convert(left, DataType.BigInt, TimeZone), Convert(right, DataType.BigInt, TimeZone), DataType.BigInt, DataType.BigInt);
            default:
                var result = TypeRules.Arithmetic(op, left.Type, right.Type);
                var operand = result.Kind switch
                {
                    TypeKind.Double => DataType.Double,
                    TypeKind.Decimal => TypeRules.CommonNumeric(Signatures.Numeric(left.Type), Signatures.Numeric(right.Type)) is { Kind: TypeKind.Decimal } d
                        ? d
                        : result,
                    _ when op == BinaryOperator.IntegerDivide => TypeRules.CommonNumeric(Signatures.Numeric(left.Type), Signatures.Numeric(right.Type)),
                    _ => result,
                };
                return new BoundBinary(op, Convert(left, operand, TimeZone), Convert(right, operand, TimeZone), operand, result);
        }
    }

    private BoundExpression BindIn(InExpression @in)
    {
        var operand = Bind(@in.Operand);
        var items = @in.Items.Select(Bind).ToArray();
        var common = items.Aggregate(operand.Type, (type, item) => TypeRules.Common(type, item.Type));
        return new BoundIn(Convert(operand, common, TimeZone), [.. items.Select(i => Convert(i, common, TimeZone))], @in.Negated);
    }

    private BoundExpression BindBetween(BetweenExpression between)
    {
        var inside = new BinaryExpression(BinaryOperator.And,
            new BinaryExpression(BinaryOperator.GreaterOrEqual, between.Operand, between.Low),
            new BinaryExpression(BinaryOperator.LessOrEqual, between.Operand, between.High));
        return Bind(between.Negated ? new UnaryExpression(UnaryOperator.Not, inside) : inside);
    }

    private BoundExpression BindCase(CaseExpression @case)
    {
        var conditions = @case.Whens.Select(w => @case.Operand is null
            ? BindCondition(w.Condition)
            : Bind(new BinaryExpression(BinaryOperator.Equal, @case.Operand, w.Condition))).ToArray();
        var results = @case.Whens.Select(w => Bind(w.Result)).ToArray();
        var otherwise = @case.Else is null ? null : Bind(@case.Else);
        var type = results.Aggregate(otherwise?.Type ?? DataType.Null, (t, r) => TypeRules.Common(t, r.Type));
        if (type.Kind == TypeKind.Null)
        {
            type = DataType.String;
        }

        var whens = conditions.Select((condition, i) => new BoundWhen(condition, Convert(results[i], type, TimeZone))).ToImmutableArray();
        return new BoundCase(whens, otherwise is null ? null : Convert(otherwise, type, TimeZone), type);
    }
}
