namespace ContinuousLoad.Sql.Syntax.Expressions;

/// <summary>A call such as <c>concat(a, b)</c>, <c>count(*)</c> (<see cref="Star"/>) or <c>count(DISTINCT a)</c>.</summary>
public sealed record FunctionCall(string Name, NodeList<Expression> Arguments, bool Distinct = false, bool Star = false) : Expression;
