namespace ContinuousLoad.Sql.Syntax.Expressions;

/// <summary><c>x IS [NOT] NULL</c>.</summary>
public sealed record IsNullExpression(Expression Operand, bool Negated) : Expression;
