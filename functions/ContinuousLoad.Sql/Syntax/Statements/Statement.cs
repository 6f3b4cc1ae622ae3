namespace ContinuousLoad.Sql.Syntax.Statements;

/// <summary>A parsed SQL statement.</summary>
public abstract record Statement;
