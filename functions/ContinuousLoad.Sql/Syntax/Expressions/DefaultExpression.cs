namespace ContinuousLoad.Sql.Syntax.Expressions;

/// <summary><c>DEFAULT</c> in an INSERT's VALUES: the column's default value.</summary>
public sealed record DefaultExpression : Expression
{
    public static DefaultExpression Instance { get; } = new();
}
