namespace ContinuousLoad.Sql.Syntax.Statements;

/// <summary><c>SET [GLOBAL | SESSION] name = value [, ...]</c>.</summary>
public sealed record SetVariablesStatement(NodeList<VariableAssignment> Assignments) : Statement;
