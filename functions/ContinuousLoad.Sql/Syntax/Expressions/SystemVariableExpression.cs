using ContinuousLoad.Sql.Syntax.Statements;

namespace ContinuousLoad.Sql.Syntax.Expressions;

/// <summary>
/// <c>@@name</c>, <c>@@session.name</c> or <c>@@global.name</c>: a system variable's value, as connectors read them at connect
/// time. <paramref name="Scope"/> is null when the text names none (the session's value).
/// </summary>
public sealed record SystemVariableExpression(VariableScope? Scope, string Name) : Expression;
