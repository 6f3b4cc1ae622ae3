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
    /// <summary>
    /// <c>CREATE TABLE IF NOT EXISTS</c> for the target: UNIQUE KEY on the source's primary key, without the excluded columns,
    /// with the properties the job is given and the list of the columns it put there (<see cref="SourceColumns"/>).
    /// </summary>
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
        var properties = target.CreateProperties.Append(SourceColumns.For(keyed.Select(c => c.Name)));
        sql.Append(" PROPERTIES (").AppendJoin(", ", properties.Select(p => $"{SqlWriter.QuoteString(p.Key)} = {SqlWriter.QuoteString(p.Value)}")).Append(')');

        return sql.ToString();
    }

    /// <summary>The type the target column of <paramref name="column"/> is created with: a key column may not be STRING, so it becomes the longest VARCHAR.</summary>
    public DataType TargetType(MirroredColumn column) =>
        Key.Contains(column.Name, StringComparer.Ordinal) && column.Type == DataType.String ? DataType.Varchar(DataType.MaxVarcharLength) : column.Type;

    private string Definition(MirroredColumn column, bool isKey)
    {
        var text = $"{SqlWriter.Quote(column.Name)} {TargetType(column)} {(column.Nullable && !isKey ? "NULL" : "NOT NULL")}";
        return column.Comment is { Length: > 0 } comment ? $"{text} COMMENT {SqlWriter.QuoteString(comment)}" : text;
    }
}

/// <summary>A column of a <see cref="MirroredTable"/>: its name, its type in the target, whether it takes NULL, and the source's comment.</summary>
public sealed record MirroredColumn(string Name, DataType Type, bool Nullable, string? Comment);
