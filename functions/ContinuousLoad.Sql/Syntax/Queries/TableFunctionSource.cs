namespace ContinuousLoad.Sql.Syntax.Queries;

/// <summary>A table-valued function with Doris's property arguments: <c>S3("uri" = "...")</c>, <c>jobs("type" = "insert")</c>.</summary>
public sealed record TableFunctionSource(string Name, NodeList<Property> Arguments, string? Alias) : TableSource;
