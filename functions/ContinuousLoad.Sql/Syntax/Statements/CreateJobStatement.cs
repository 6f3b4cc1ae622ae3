namespace ContinuousLoad.Sql.Syntax.Statements;

/// <summary>
/// <c>CREATE JOB n ON STREAMING [PROPERTIES (...)] [COMMENT '...'] DO INSERT ...</c> (table level) or
/// <c>... FROM MYSQL (...) TO DATABASE db [(...)]</c> (database level): exactly one of <see cref="Insert"/> and
/// <see cref="Sync"/> is set. See https://doris.apache.org/docs/sql-manual/sql-statements/job/CREATE-STREAMING-JOB.
/// </summary>
public sealed record CreateJobStatement(
    string Name,
    NodeList<Property> Properties,
    string? Comment,
    InsertStatement? Insert,
    DatabaseSyncSource? Sync) : Statement;
