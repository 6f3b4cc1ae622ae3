namespace ContinuousLoad.Sql.Syntax.Expressions;

/// <summary><c>x [NOT] IN (a, b, ...)</c>.</summary>
public sealed record InExpression(Expression Operand, NodeList<Expression> Items, bool Negated) : Expression;
