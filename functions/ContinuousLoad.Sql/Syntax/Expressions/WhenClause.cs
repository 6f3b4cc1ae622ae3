namespace ContinuousLoad.Sql.Syntax.Expressions;

public sealed record WhenClause(Expression Condition, Expression Result);
