using ContinuousLoad.Sql.Syntax.Expressions;

namespace ContinuousLoad.Sql.Syntax;

/// <summary>
/// One item of a load's <c>columns</c> list: a source field name, or a derived column
/// <c>name = expression</c> (<see cref="Expression"/> set).
/// </summary>
public sealed record ColumnMapping(string Name, Expression? Expression);
