using System.Collections.Immutable;
using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Tables.Queries;

/// <summary>A query's columns and its rows, read from the store as they are enumerated (once).</summary>
public sealed class QueryResult(ImmutableArray<OutputColumn> columns, IAsyncEnumerable<SqlValue[]> rows, IAsyncDisposable? resources = null)
    : IAsyncDisposable
{
    public ImmutableArray<OutputColumn> Columns { get; } = columns;

    public IAsyncEnumerable<SqlValue[]> Rows { get; } = rows;

    public static QueryResult FromRows(ImmutableArray<OutputColumn> columns, IEnumerable<SqlValue[]> rows) =>
        new(columns, rows.ToAsyncEnumerable());

    public ValueTask DisposeAsync() => resources?.DisposeAsync() ?? ValueTask.CompletedTask;
}
