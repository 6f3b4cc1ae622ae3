namespace ContinuousLoad.Sql.Syntax.Statements;

/// <summary>One <c>name = value</c> of a SET statement; a null value is <c>DEFAULT</c>.</summary>
public sealed record VariableAssignment(VariableScope Scope, string Name, string? Value);
