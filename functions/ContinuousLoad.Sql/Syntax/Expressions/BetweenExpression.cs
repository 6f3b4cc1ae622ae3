namespace ContinuousLoad.Sql.Syntax.Expressions;

/// <summary><c>x [NOT] BETWEEN low AND high</c>.</summary>
public sealed record BetweenExpression(Expression Operand, Expression Low, Expression High, bool Negated) : Expression;
