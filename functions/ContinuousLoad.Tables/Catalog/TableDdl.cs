using ContinuousLoad.Sql.Limits;
using System.Globalization;
using System.Text;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Definitions;
using ContinuousLoad.Sql.Syntax.Statements;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Tables.Catalog;

/// <summary>
/// SHOW CREATE TABLE in Doris 2.1's layout, which is also how a schema is persisted: <see cref="Parse"/>
/// reads the text back into the same schema.
/// </summary>
public static class TableDdl
{
    public static string Write(TableSchema table)
    {
        var ddl = new StringBuilder();
        ddl.Append("CREATE TABLE ").Append(SqlWriter.Quote(table.Name)).Append(" (\n");
        var lines = table.VisibleColumns.Select(c => "  " + Column(c, table.KeyModel))
            .Concat(table.Indexes.Select(i => "  " + Index(i)));
        ddl.AppendJoin(",\n", lines);
        ddl.Append("\n) ENGINE=OLAP\n");
        ddl.Append(table.KeyModel switch
        {
            KeyModel.Duplicate => "DUPLICATE KEY(",
            KeyModel.Unique => "UNIQUE KEY(",
            _ => "AGGREGATE KEY(",
        }).AppendJoin(", ", table.KeyColumns.Select(c => SqlWriter.Quote(c.Name))).Append(')');
        if (table.Comment is { Length: > 0 } comment)
        {
            ddl.Append("\nCOMMENT ").Append(SqlWriter.QuoteString(comment));
        }

        if (table.Partitioning is { } partitioning)
        {
            ddl.Append('\n').Append(Partitions(partitioning, table));
        }

        var distribution = table.Distribution;
        ddl.Append("\nDISTRIBUTED BY ").Append(distribution.Random
            ? "RANDOM"
            : $"HASH({string.Join(", ", distribution.Columns.Select(SqlWriter.Quote))})");
        ddl.Append(" BUCKETS ").Append(distribution.Buckets is { } buckets ? buckets.ToString(CultureInfo.InvariantCulture) : "AUTO");
        if (!table.Properties.IsEmpty)
        {
            ddl.Append("\nPROPERTIES (\n")
                .AppendJoin(",\n", table.Properties.Select(p => $"{Quote(p.Key)} = {Quote(p.Value)}"))
                .Append("\n)");
        }

        return ddl.Append(';').ToString();
    }

    /// <exception cref="DorisException">The text is not a CREATE TABLE of a valid table.</exception>
    public static TableSchema Parse(string ddl, string database, int version) =>
        SqlParser.ParseStatement(ddl, SqlLimits.Trusted) is CreateTableStatement create
            ? TableSchemaBuilder.Build(create, database) with { Version = version }
            : throw new DorisException("stored table definition is not a CREATE TABLE statement");

    /// <summary>A column line: <c>`name` type [AGG] NULL|NOT NULL [AUTO_INCREMENT] [DEFAULT ...] [COMMENT "..."]</c>.</summary>
    public static string Column(ColumnSchema column, KeyModel model)
    {
        var line = new StringBuilder(SqlWriter.Quote(column.Name)).Append(' ').Append(column.Type);
        if (column.Aggregation is { } aggregation && model == KeyModel.Aggregate)
        {
            line.Append(' ').Append(Aggregation(aggregation));
        }

        line.Append(column.Nullable ? " NULL" : " NOT NULL");
        if (column.AutoIncrement)
        {
            line.Append(" AUTO_INCREMENT(1)");
        }

        line.Append(column.Default switch
        {
            null => "",
            { Kind: ColumnDefaultKind.Null } => " DEFAULT NULL",
            { Kind: ColumnDefaultKind.CurrentTimestamp, Precision: 0 } => " DEFAULT CURRENT_TIMESTAMP",
            { Kind: ColumnDefaultKind.CurrentTimestamp } d => $" DEFAULT CURRENT_TIMESTAMP({d.Precision})",
            { Kind: ColumnDefaultKind.CurrentDate } => " DEFAULT CURRENT_DATE",
            { } d => " DEFAULT " + Quote(d.Literal!),
        });
        if (column.Comment is { Length: > 0 } comment)
        {
            line.Append(" COMMENT ").Append(Quote(comment));
        }

        return line.ToString();
    }

    public static string Aggregation(AggregationKind kind) => kind switch
    {
        AggregationKind.ReplaceIfNotNull => "REPLACE_IF_NOT_NULL",
        _ => kind.ToString().ToUpperInvariant(),
    };

    private static string Index(IndexDefinition index)
    {
        var text = new StringBuilder("INDEX ").Append(SqlWriter.Quote(index.Name)).Append(" (")
            .AppendJoin(", ", index.Columns.Select(SqlWriter.Quote)).Append(')');
        if (index.Using is { } kind)
        {
            text.Append(" USING ").Append(kind);
        }

        if (!index.Properties.IsEmpty)
        {
            text.Append(" PROPERTIES(").AppendJoin(", ", index.Properties.Select(p => $"{Quote(p.Key)} = {Quote(p.Value)}")).Append(')');
        }

        if (index.Comment is { } comment)
        {
            text.Append(" COMMENT ").Append(SqlWriter.QuoteString(comment));
        }

        return text.ToString();
    }

    private static string Partitions(PartitionScheme scheme, TableSchema table)
    {
        var text = new StringBuilder();
        if (scheme.Auto)
        {
            text.Append("AUTO PARTITION BY ").Append(scheme.Kind == PartitionKind.Range ? "RANGE" : "LIST")
                .Append(" (").Append(scheme.AutoFunction ?? string.Join(", ", scheme.Columns.Select(SqlWriter.Quote))).Append(")\n(");
        }
        else
        {
            text.Append("PARTITION BY ").Append(scheme.Kind == PartitionKind.Range ? "RANGE" : "LIST")
                .Append('(').AppendJoin(", ", scheme.Columns.Select(SqlWriter.Quote)).Append(")\n(");
        }

        var types = scheme.Columns.Select(table.TypeOf).ToArray();
        text.AppendJoin(",\n", scheme.Partitions.Select(p => scheme.Kind == PartitionKind.Range
            ? $"PARTITION {SqlWriter.Quote(p.Name)} VALUES [{Tuple(p.Lower, types, lowest: true)}, {Tuple(p.Upper, types, lowest: false)})"
            : $"PARTITION {SqlWriter.Quote(p.Name)} VALUES IN ({string.Join(", ", p.Values.Select(v => Tuple(v, types, lowest: false)))})"));
        return text.Append(')').ToString();
    }

    private static string Tuple(PartitionBound? bound, DataType[] types, bool lowest)
    {
        if (bound is null)
        {
            return "(" + string.Join(", ", types.Select(t => Quote(SqlValueFormat.ToText(PartitionScheme.Lowest(t), -1)))) + ")";
        }

        var values = bound.Values.Select((v, i) => v.IsNull ? "NULL" : Quote(SqlValueFormat.ToText(v, types[i].Kind == TypeKind.DateTime ? types[i].Precision : -1)));
        if (bound.IsMax)
        {
            values = values.Append("MAXVALUE");
        }

        return "(" + string.Join(", ", values) + ")";
    }

    /// <summary>Doris quotes property keys and values, column defaults and comments with double quotes.</summary>
    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
