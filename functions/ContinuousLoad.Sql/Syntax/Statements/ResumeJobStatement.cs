namespace ContinuousLoad.Sql.Syntax.Statements;

/// <summary><c>RESUME JOB WHERE jobName = 'name'</c>.</summary>
public sealed record ResumeJobStatement(string JobName) : Statement;
