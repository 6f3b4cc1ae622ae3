using System.Text;
using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Jobs.Sources.Mirror;

/// <summary>
/// A source table as a database-level job creates its target (spec B.7): the columns with their mapped types
/// (the source's key first, in key order), the key, and the comments, which Doris's own sync loses.
/// </summary>
public sealed record MirroredTable(string Source, IReadOnlyList<MirroredColumn> Columns, IReadOnlyList<string> Key, string? Comment)
{
    /// <summary><c>CREATE TABLE IF NOT EXISTS</c> for the target: UNIQUE KEY on the source's primary key, without the excluded columns.</summary>
    public string CreateSql(string database, string table, TableSelection tables, DatabaseTarget target)
    {
        var keyed = Key.Select(k => Columns.First(c => c.Name == k))
            .Concat(Columns.Where(c => !Key.Contains(c.Name, StringComparer.Ordinal) && !tables.IsExcluded(Source, c.Name)));
        var sql = new StringBuilder($"CREATE TABLE IF NOT EXISTS {SqlWriter.Quote(database)}.{SqlWriter.Quote(table)} (");
        sql.AppendJoin(", ", keyed.Select(c => Definition(c, Key.Contains(c.Name, StringComparer.Ordinal))));
        var key = string.Join(", ", Key.Select(SqlWriter.Quote));
        sql.Append(") UNIQUE KEY(").Append(key).Append(')');
        if (Comment is { Length: > 0 } comment)
        {
            sql.Append(" COMMENT ").Append(SqlWriter.QuoteString(comment));
        }

        sql.Append(" DISTRIBUTED BY HASH(").Append(key).Append(") BUCKETS AUTO");
        if (target.CreateProperties.Count > 0)
        {
            sql.Append(" PROPERTIES (").AppendJoin(", ", target.CreateProperties.Select(p => $"{SqlWriter.QuoteString(p.Key)} = {SqlWriter.QuoteString(p.Value)}")).Append(')');
        }

        return sql.ToString();
    }

    /// <summary>A key column may not be STRING: it becomes the longest VARCHAR.</summary>
    private static string Definition(MirroredColumn column, bool isKey)
    {
        var type = isKey && column.Type == DataType.String ? DataType.Varchar(DataType.MaxVarcharLength) : column.Type;
        var text = $"{SqlWriter.Quote(column.Name)} {type} {(column.Nullable && !isKey ? "NULL" : "NOT NULL")}";
        return column.Comment is { Length: > 0 } comment ? $"{text} COMMENT {SqlWriter.QuoteString(comment)}" : text;
    }
}

/// <summary>A column of a <see cref="MirroredTable"/>: its name, its type in the target, whether it takes NULL, and the source's comment.</summary>
public sealed record MirroredColumn(string Name, DataType Type, bool Nullable, string? Comment);
