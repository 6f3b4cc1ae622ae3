using ContinuousLoad.Sql.Syntax.Expressions;

namespace ContinuousLoad.Sql.Binding;

/// <summary>A scope without columns, for constant expressions such as INSERT VALUES.</summary>
public sealed class EmptyScope(string clause) : IColumnScope
{
    public static EmptyScope Values { get; } = new("VALUES");

    public BoundExpression Resolve(ColumnReference column) =>
        throw new SqlSemanticException($"Unknown column '{column.Name}' in '{clause}'");
}
