namespace ContinuousLoad.Sql.Syntax.Statements;

/// <summary><c>SHOW [GLOBAL | SESSION] VARIABLES [LIKE 'pattern']</c>.</summary>
public sealed record ShowVariablesStatement(VariableScope Scope, string? Like) : Statement;
