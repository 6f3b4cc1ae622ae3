using ContinuousLoad.Sql.Syntax.Queries;

namespace ContinuousLoad.Sql.Syntax.Expressions;

/// <summary>A parenthesized query used as a value, or after <c>[NOT] IN</c> / <c>[NOT] EXISTS</c>.</summary>
public sealed record SubqueryExpression(Query Query, SubqueryKind Kind = SubqueryKind.Scalar, Expression? Operand = null, bool Negated = false) : Expression;
