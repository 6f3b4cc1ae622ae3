using System.Text;
using ContinuousLoad.Sql.Syntax.Definitions;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Tables.Storage;

/// <summary>
/// The INSERT ... ON CONFLICT clauses that give each key model its meaning: UNIQUE replaces the row
/// (only by a sequence at least as new), AGGREGATE merges each value column by its aggregation,
/// DUPLICATE just appends. The existing row is aliased <c>cur</c>, the incoming one is <c>excluded</c>.
/// </summary>
public static class MergeSql
{
    public const string Current = "cur";

    /// <summary>The conflict clause for writing <paramref name="columns"/> (a partial update names fewer), or "" for DUPLICATE.</summary>
    public static string OnConflict(TableSchema table, IReadOnlyList<ColumnSchema> columns, StoreDialect dialect)
    {
        if (table.KeyModel == KeyModel.Duplicate)
        {
            return "";
        }

        var keys = string.Join(", ", table.KeyColumns.Select(k => dialect.Quote(k.Name)));
        var values = columns.Where(c => !c.IsKey).ToList();
        if (values.Count == 0)
        {
            return $" ON CONFLICT ({keys}) DO NOTHING";
        }

        var sql = new StringBuilder($" ON CONFLICT ({keys}) DO UPDATE SET ");
        sql.AppendJoin(", ", values.Select(c => $"{dialect.Quote(c.Name)} = {MergedValue(table, c, dialect)}"));
        if (table.SequenceColumn is { } sequence && columns.Any(c => c.Name.Equals(sequence.Name, StringComparison.OrdinalIgnoreCase)))
        {
            var incoming = $"excluded.{dialect.Quote(sequence.Name)}";
            var current = $"{Current}.{dialect.Quote(sequence.Name)}";
            sql.Append(" WHERE ").Append(dialect.AtLeast(incoming, current, sequence.Type));
        }

        return sql.ToString();
    }

    private static string MergedValue(TableSchema table, ColumnSchema column, StoreDialect dialect)
    {
        var incoming = $"excluded.{dialect.Quote(column.Name)}";
        var current = $"{Current}.{dialect.Quote(column.Name)}";
        if (table.KeyModel != KeyModel.Aggregate)
        {
            return incoming;
        }

        return column.Aggregation switch
        {
            AggregationKind.Sum => dialect.Add(current, incoming, column.Type),
            AggregationKind.Max => dialect.Extreme(current, incoming, column.Type, max: true),
            AggregationKind.Min => dialect.Extreme(current, incoming, column.Type, max: false),
            AggregationKind.ReplaceIfNotNull => $"COALESCE({incoming}, {current})",
            _ => incoming,
        };
    }
}
