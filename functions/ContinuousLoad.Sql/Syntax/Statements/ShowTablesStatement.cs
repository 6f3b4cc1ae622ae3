namespace ContinuousLoad.Sql.Syntax.Statements;

/// <summary><c>SHOW [FULL] TABLES [FROM|IN db] [LIKE 'pattern']</c>.</summary>
public sealed record ShowTablesStatement(string? Database, string? Like, bool Full) : Statement;
