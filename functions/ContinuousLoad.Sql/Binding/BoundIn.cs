using System.Collections.Immutable;
using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Sql.Binding;

/// <summary><c>x [NOT] IN (items)</c>; operand and items share one type.</summary>
public sealed record BoundIn(BoundExpression Operand, ImmutableArray<BoundExpression> Items, bool Negated) : BoundExpression(DataType.Boolean);
