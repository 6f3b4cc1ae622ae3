using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Sql.Binding;

/// <summary><c>x [NOT] LIKE pattern</c> or <c>REGEXP</c>, on strings.</summary>
public sealed record BoundLike(BoundExpression Operand, BoundExpression Pattern, bool Negated, bool Regexp) : BoundExpression(DataType.Boolean);
