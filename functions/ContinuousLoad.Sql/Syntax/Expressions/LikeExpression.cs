namespace ContinuousLoad.Sql.Syntax.Expressions;

/// <summary><c>x [NOT] LIKE pattern</c> (<c>%</c>, <c>_</c>, backslash escapes) or <c>x [NOT] REGEXP pattern</c>.</summary>
public sealed record LikeExpression(Expression Operand, Expression Pattern, bool Negated, bool Regexp = false) : Expression;
