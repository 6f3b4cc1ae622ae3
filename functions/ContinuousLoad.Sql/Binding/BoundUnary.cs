using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Sql.Binding;

public sealed record BoundUnary(UnaryOperator Operator, BoundExpression Operand, DataType Type) : BoundExpression(Type);
