namespace ContinuousLoad.Sql.Syntax.Statements;

public sealed record DropTableStatement(QualifiedName Name, bool IfExists, bool Force) : Statement;
