namespace ContinuousLoad.Sql.Syntax.Statements;

/// <summary><c>DESC[RIBE] t [ALL]</c>.</summary>
public sealed record DescribeStatement(QualifiedName Name, bool All) : Statement;
