using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Syntax.Queries;

namespace ContinuousLoad.Sql.Syntax.Statements;

/// <summary>
/// <c>INSERT INTO t [PARTITION (p)] [WITH LABEL l] [(columns)] VALUES (...), ...</c> or <c>... SELECT ...</c>:
/// exactly one of <see cref="Rows"/> and <see cref="Query"/> is set.
/// </summary>
public sealed record InsertStatement(
    QualifiedName Table,
    string? Label,
    NodeList<string> Columns,
    NodeList<string> Partitions,
    NodeList<NodeList<Expression>> Rows,
    Query? Query) : Statement;
