namespace ContinuousLoad.Sql.Syntax.Statements;

/// <summary>
/// <c>ALTER JOB n [PROPERTIES (...)] [[DO] INSERT ... | FROM src (...) TO DATABASE db [(...)]]</c>: new properties,
/// a new body, or both; at most one of <see cref="Insert"/> and <see cref="Sync"/> is set.
/// See https://doris.apache.org/docs/sql-manual/sql-statements/job/ALTER-JOB.
/// </summary>
public sealed record AlterJobStatement(
    string Name,
    NodeList<Property> Properties,
    InsertStatement? Insert,
    DatabaseSyncSource? Sync) : Statement;
