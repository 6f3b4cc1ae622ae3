using ContinuousLoad.Sql;
using ContinuousLoad.Sql.Binding;
using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Tables.Queries;

/// <summary>Binds count/sum/avg/min/max/group_concat with Doris's result types; arguments may not nest aggregates.</summary>
public sealed class QueryAggregates(IColumnScope scope, TimeZoneInfo timeZone) : IAggregateBinder
{
    public BoundExpression BindAggregate(FunctionCall call, ExpressionBinder arguments)
    {
        var name = call.Name.ToLowerInvariant();
        var plain = new ExpressionBinder(scope, timeZone: timeZone, aggregates: new NoNesting());
        if (call.Star)
        {
            return name == "count"
                ? new BoundAggregate(AggregateKind.CountStar, null, false, "", DataType.BigInt)
                : throw new SqlSemanticException($"{name}(*) is not allowed; only count(*)");
        }

        if (name == "group_concat")
        {
            if (call.Arguments.Count is < 1 or > 2)
            {
                throw new SqlSemanticException("group_concat takes a value and an optional separator");
            }

            var separator = call.Arguments.Count == 2
                ? call.Arguments[1] is LiteralExpression { Value.Kind: ValueKind.String } literal ? literal.Value.AsString
                    : throw new SqlSemanticException("group_concat's separator must be a string constant")
                : ", ";
            var value = ExpressionBinder.Convert(plain.Bind(call.Arguments[0]), DataType.String, timeZone);
            return new BoundAggregate(AggregateKind.GroupConcat, value, call.Distinct, separator, DataType.String);
        }

        if (call.Arguments.Count != 1)
        {
            throw new SqlSemanticException($"Function {name} takes 1 argument(s), not {call.Arguments.Count}");
        }

        var argument = plain.Bind(call.Arguments[0]);
        var type = argument.Type;
        return name switch
        {
            "count" => new BoundAggregate(AggregateKind.Count, argument, call.Distinct, "", DataType.BigInt),
            "sum" => Numeric(AggregateKind.Sum, argument, call.Distinct, SumType(type)),
            "avg" => Numeric(AggregateKind.Avg, argument, call.Distinct, type.Kind == TypeKind.Decimal
                ? DataType.Decimal(DataType.MaxDecimalPrecision, Math.Max(type.Scale, 4))
                : DataType.Double),
            "min" => new BoundAggregate(AggregateKind.Min, argument, call.Distinct, "", type),
            _ => new BoundAggregate(AggregateKind.Max, argument, call.Distinct, "", type),
        };
    }

    private BoundAggregate Numeric(AggregateKind kind, BoundExpression argument, bool distinct, DataType result)
    {
        var operand = result.Kind switch
        {
            TypeKind.Double => DataType.Double,
            TypeKind.Decimal when argument.Type.Kind == TypeKind.Decimal => argument.Type,
            TypeKind.Decimal => TypeRules.AsDecimal(argument.Type),
            _ => argument.Type.IsInteger ? argument.Type : DataType.BigInt,
        };
        return new BoundAggregate(kind, ExpressionBinder.Convert(argument, operand, timeZone), distinct, "", result);
    }

    private static DataType SumType(DataType type) => type.Kind switch
    {
        TypeKind.Decimal => DataType.Decimal(DataType.MaxDecimalPrecision, type.Scale),
        TypeKind.LargeInt => DataType.LargeInt,
        TypeKind.Boolean or TypeKind.TinyInt or TypeKind.SmallInt or TypeKind.Int or TypeKind.BigInt => DataType.BigInt,
        _ => DataType.Double,
    };

    private sealed class NoNesting : IAggregateBinder
    {
        public BoundExpression BindAggregate(FunctionCall call, ExpressionBinder arguments) =>
            throw new SqlSemanticException($"aggregate function {call.Name.ToLowerInvariant()}() cannot be nested in another aggregate");
    }
}
