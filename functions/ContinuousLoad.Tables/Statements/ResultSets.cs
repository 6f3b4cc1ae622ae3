using System.Collections.Immutable;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Queries;

namespace ContinuousLoad.Tables.Statements;

/// <summary>Small in-memory result sets for SHOW and DESC answers (all text columns, as Doris sends them).</summary>
public static class ResultSets
{
    private static readonly DataType TextColumn = DataType.Varchar(1024);

    public static RowsResult Text(IReadOnlyList<string> columns, IEnumerable<string?[]> rows) =>
        new(QueryResult.FromRows(
            [.. columns.Select(c => new OutputColumn(c, TextColumn))],
            rows.Select(row => row.Select(v => v is null ? SqlValue.Null : SqlValue.FromString(v)).ToArray()).ToList()));

    public static ImmutableArray<OutputColumn> Columns(params string[] names) => [.. names.Select(n => new OutputColumn(n, TextColumn))];
}
