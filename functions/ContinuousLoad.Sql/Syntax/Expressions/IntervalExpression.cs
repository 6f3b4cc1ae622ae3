namespace ContinuousLoad.Sql.Syntax.Expressions;

/// <summary><c>INTERVAL n unit</c> in date arithmetic; the unit is upper case (YEAR, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND...).</summary>
public sealed record IntervalExpression(Expression Value, string Unit) : Expression;
