using ContinuousLoad.Sql.Binding;
using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Tables.Queries;

/// <summary>An ORDER BY key naming a result column (by alias or position).</summary>
public sealed record BoundOutputRef(int Index, DataType Type) : BoundExpression(Type);
