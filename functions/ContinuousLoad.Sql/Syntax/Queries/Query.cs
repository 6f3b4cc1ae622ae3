using ContinuousLoad.Sql.Syntax.Expressions;

namespace ContinuousLoad.Sql.Syntax.Queries;

/// <summary>A complete query: its body, ordering and limit (<c>LIMIT n OFFSET m</c> or <c>LIMIT m, n</c>).</summary>
public sealed record Query(QueryBody Body, NodeList<OrderItem> OrderBy, long? Limit = null, long Offset = 0)
{
    public override string ToString() => SqlWriter.Write(this);
}
