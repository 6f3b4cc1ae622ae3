using ContinuousLoad.Sql.Syntax.Expressions;

namespace ContinuousLoad.Sql.Syntax.Queries;

public sealed record SelectItem(Expression Expression, string? Alias);
