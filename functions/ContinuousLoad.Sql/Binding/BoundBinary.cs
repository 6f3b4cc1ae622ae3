using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Sql.Binding;

/// <summary>
/// An arithmetic, comparison, logical or bitwise operation. Both operands already have
/// <see cref="OperandType"/> (the common type the operation is computed in).
/// </summary>
public sealed record BoundBinary(BinaryOperator Operator, BoundExpression Left, BoundExpression Right, DataType OperandType, DataType Type)
    : BoundExpression(Type);
