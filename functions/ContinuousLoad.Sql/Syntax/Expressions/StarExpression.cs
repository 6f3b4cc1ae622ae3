namespace ContinuousLoad.Sql.Syntax.Expressions;

/// <summary><c>*</c> or <c>t.*</c> in a select list (Qualifier empty for a bare star).</summary>
public sealed record StarExpression(NodeList<string> Qualifier) : Expression;
