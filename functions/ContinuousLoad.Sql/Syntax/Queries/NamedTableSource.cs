namespace ContinuousLoad.Sql.Syntax.Queries;

public sealed record NamedTableSource(QualifiedName Name, string? Alias) : TableSource;
