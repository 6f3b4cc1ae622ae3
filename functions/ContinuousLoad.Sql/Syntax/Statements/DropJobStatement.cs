namespace ContinuousLoad.Sql.Syntax.Statements;

/// <summary><c>DROP JOB [IF EXISTS] WHERE jobName = 'name'</c>.</summary>
public sealed record DropJobStatement(string JobName, bool IfExists) : Statement;
