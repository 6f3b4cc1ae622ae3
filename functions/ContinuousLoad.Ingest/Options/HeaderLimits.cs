using ContinuousLoad.Sql.Limits;

namespace ContinuousLoad.Ingest.Options;

/// <summary>What a Stream Load's headers may ask of the parser: the expression limits and the number of <c>columns</c> entries.</summary>
/// <param name="Sql">Limits for the <c>columns</c>, <c>where</c> and <c>delete</c> expressions.</param>
/// <param name="MaxColumns">Entries of the <c>columns</c> header (names and <c>col = expr</c> mappings).</param>
public sealed record HeaderLimits(SqlLimits Sql, int MaxColumns)
{
    /// <summary>A table has at most a few thousand columns (SQLite: 2000, PostgreSQL: 1600); placeholders add some.</summary>
    public static HeaderLimits Default { get; } = new(SqlLimits.Default, 4096);
}
