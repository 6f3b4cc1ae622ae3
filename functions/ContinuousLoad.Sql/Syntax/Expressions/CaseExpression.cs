namespace ContinuousLoad.Sql.Syntax.Expressions;

/// <summary><c>CASE [operand] WHEN ... THEN ... [ELSE ...] END</c>.</summary>
public sealed record CaseExpression(Expression? Operand, NodeList<WhenClause> Whens, Expression? Else) : Expression;
