namespace ContinuousLoad.Sql.Binding;

public sealed record BoundWhen(BoundExpression Condition, BoundExpression Result);
