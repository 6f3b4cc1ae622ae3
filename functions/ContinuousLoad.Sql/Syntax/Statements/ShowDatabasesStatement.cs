namespace ContinuousLoad.Sql.Syntax.Statements;

public sealed record ShowDatabasesStatement(string? Like) : Statement;
