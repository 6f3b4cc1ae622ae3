using ContinuousLoad.Sql.Syntax.Expressions;

namespace ContinuousLoad.Sql.Binding;

/// <summary>The columns an expression may name: a load's source fields, a query's tables, or none (VALUES).</summary>
public interface IColumnScope
{
    /// <exception cref="SqlSemanticException">The column is unknown or ambiguous.</exception>
    BoundExpression Resolve(ColumnReference column);
}
