using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Sql.Syntax.Expressions;

/// <summary>A constant with the type Doris gives it (integers by magnitude, <c>1.5</c> as DECIMAL(2, 1), strings as STRING).</summary>
public sealed record LiteralExpression(SqlValue Value, DataType Type) : Expression
{
    public static LiteralExpression Null { get; } = new(SqlValue.Null, DataType.Null);

    public static LiteralExpression String(string text) => new(SqlValue.FromString(text), DataType.String);
}
