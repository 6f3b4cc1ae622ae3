namespace ContinuousLoad.Sql.Syntax.Queries;

/// <summary>A parenthesized query inside a set operation, keeping its own ORDER BY and LIMIT.</summary>
public sealed record NestedQueryBody(Query Query) : QueryBody;
