using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Sql.Syntax.Expressions;

public sealed record CastExpression(Expression Operand, DataType Target) : Expression;
