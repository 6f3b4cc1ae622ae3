using ContinuousLoad.Sql.Syntax.Expressions;

namespace ContinuousLoad.Sql.Binding;

/// <summary>Binds aggregate calls (count, sum, ...) where a query allows them.</summary>
public interface IAggregateBinder
{
    BoundExpression BindAggregate(FunctionCall call, ExpressionBinder arguments);
}
