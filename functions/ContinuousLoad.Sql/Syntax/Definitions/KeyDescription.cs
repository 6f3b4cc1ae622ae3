namespace ContinuousLoad.Sql.Syntax.Definitions;

/// <summary><c>DUPLICATE KEY(a, b)</c>, <c>UNIQUE KEY(k)</c>, <c>AGGREGATE KEY(k)</c>.</summary>
public sealed record KeyDescription(KeyModel Model, NodeList<string> Columns);
