namespace ContinuousLoad.Sql.Syntax.Expressions;

public sealed record UnaryExpression(UnaryOperator Operator, Expression Operand) : Expression;
