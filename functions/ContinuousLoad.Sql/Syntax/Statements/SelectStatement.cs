using ContinuousLoad.Sql.Syntax.Queries;

namespace ContinuousLoad.Sql.Syntax.Statements;

public sealed record SelectStatement(Query Query) : Statement;
