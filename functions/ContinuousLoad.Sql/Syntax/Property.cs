namespace ContinuousLoad.Sql.Syntax;

/// <summary>A <c>"key" = "value"</c> pair of PROPERTIES or a table function.</summary>
public sealed record Property(string Key, string Value);
