namespace ContinuousLoad.Sql.Syntax.Statements;

public sealed record CreateDatabaseStatement(string Name, bool IfNotExists, NodeList<Property> Properties) : Statement;
