using ContinuousLoad.Sql.Syntax.Expressions;

namespace ContinuousLoad.Sql.Syntax.Queries;

/// <summary><c>SELECT [DISTINCT] items [FROM source] [WHERE] [GROUP BY] [HAVING]</c>.</summary>
public sealed record SelectBody(
    bool Distinct,
    NodeList<SelectItem> Items,
    TableSource? From,
    Expression? Where,
    NodeList<Expression> GroupBy,
    Expression? Having) : QueryBody;
