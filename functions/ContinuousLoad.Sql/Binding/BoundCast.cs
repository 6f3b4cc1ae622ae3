using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Sql.Binding;

/// <summary>A conversion; NULL when the value does not convert (Doris's CAST semantics).</summary>
public sealed record BoundCast(BoundExpression Operand, DataType Type) : BoundExpression(Type);
