namespace ContinuousLoad.Sql.Syntax.Statements;

public sealed record ShowCreateTableStatement(QualifiedName Name) : Statement;
