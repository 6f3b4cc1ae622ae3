namespace ContinuousLoad.Sql.Syntax.Statements;

public sealed record DropDatabaseStatement(string Name, bool IfExists, bool Force) : Statement;
