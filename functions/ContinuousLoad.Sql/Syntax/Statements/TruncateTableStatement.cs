namespace ContinuousLoad.Sql.Syntax.Statements;

/// <summary><c>TRUNCATE TABLE t [PARTITION (p1, p2)]</c>.</summary>
public sealed record TruncateTableStatement(QualifiedName Name, NodeList<string> Partitions) : Statement;
