namespace ContinuousLoad.Sql.Syntax.Statements;

/// <summary>
/// The database-level body of a streaming job: <c>FROM MYSQL ("jdbc_url" = ...) TO DATABASE db ("k" = "v")</c>.
/// <see cref="SourceKind"/> is the source's name in upper case (MYSQL, POSTGRES, ...).
/// </summary>
public sealed record DatabaseSyncSource(
    string SourceKind,
    NodeList<Property> SourceProperties,
    string TargetDatabase,
    NodeList<Property> TargetProperties);
