using ContinuousLoad.Sql.Syntax.Expressions;

namespace ContinuousLoad.Sql.Syntax.Queries;

/// <summary>An ORDER BY key; <see cref="NullsFirst"/> null means the default (NULLs first ascending, last descending).</summary>
public sealed record OrderItem(Expression Expression, bool Descending, bool? NullsFirst = null);
