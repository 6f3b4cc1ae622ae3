namespace ContinuousLoad.Sql.Syntax.Statements;

/// <summary><c>PAUSE JOB WHERE jobName = 'name'</c>.</summary>
public sealed record PauseJobStatement(string JobName) : Statement;
