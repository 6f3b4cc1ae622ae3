using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Sql.Binding;

public sealed record BoundIsNull(BoundExpression Operand, bool Negated) : BoundExpression(DataType.Boolean);
