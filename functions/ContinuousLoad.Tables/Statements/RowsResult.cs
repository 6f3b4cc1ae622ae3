using ContinuousLoad.Tables.Queries;

namespace ContinuousLoad.Tables.Statements;

/// <summary>A query or SHOW/DESC answer; the caller enumerates and disposes <see cref="Rows"/>.</summary>
public sealed record RowsResult(QueryResult Rows) : StatementResult;
