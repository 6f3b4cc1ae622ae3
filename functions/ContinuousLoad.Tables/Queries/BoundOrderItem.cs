using ContinuousLoad.Sql.Binding;

namespace ContinuousLoad.Tables.Queries;

/// <summary>An ORDER BY key, with Doris's NULL placement made explicit (first ascending, last descending by default).</summary>
public sealed record BoundOrderItem(BoundExpression Expression, bool Descending, bool NullsFirst);
