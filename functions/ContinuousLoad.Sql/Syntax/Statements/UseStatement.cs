namespace ContinuousLoad.Sql.Syntax.Statements;

/// <summary><c>USE database</c>: the session's default database from now on.</summary>
public sealed record UseStatement(string Database) : Statement;
