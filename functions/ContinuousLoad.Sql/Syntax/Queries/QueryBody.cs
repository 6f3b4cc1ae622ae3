namespace ContinuousLoad.Sql.Syntax.Queries;

public abstract record QueryBody;
