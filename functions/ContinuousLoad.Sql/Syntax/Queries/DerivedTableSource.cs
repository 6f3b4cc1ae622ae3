namespace ContinuousLoad.Sql.Syntax.Queries;

/// <summary><c>(SELECT ...) alias</c>.</summary>
public sealed record DerivedTableSource(Query Query, string Alias) : TableSource;
