using System.Text;
using ContinuousLoad.Sources.MySql.Metadata;
using ContinuousLoad.Sources.MySql.Text;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Sources.MySql.Snapshot;

/// <summary>
/// The SELECT for one chunk, keyset pagination on the primary key:
/// <c>SELECT cols FROM t WHERE key &gt; after AND key &lt;= through ORDER BY key LIMIT n</c>. A composite key
/// comparison is spelled out — <c>a &gt; x OR (a = x AND b &gt; y)</c> — because both servers turn that into
/// an index range, which not every version does for row constructors.
/// </summary>
public static class ChunkQuery
{
    public static string Build(TableInfo table, KeyRange range, int chunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        var key = KeyColumns(table);
        var sql = new StringBuilder("SELECT ");
        sql.AppendJoin(", ", table.Columns.Select(column => SqlText.Identifier(column.Name)));
        sql.Append(" FROM ").Append(SqlText.QualifiedName(table.Schema, table.Name));
        var conditions = new List<string>();
        if (range.After is { } after)
        {
            conditions.Add(Compare(key, Check(table, after), ">"));
        }

        if (range.Through is { } through)
        {
            conditions.Add("NOT " + Compare(key, Check(table, through), ">"));
        }

        if (conditions.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", conditions);
        }

        sql.Append(" ORDER BY ").AppendJoin(", ", key.Select(column => SqlText.Identifier(column.Name)));
        sql.Append(" LIMIT ").Append(chunkSize);
        return sql.ToString();
    }

    /// <summary>The key columns; <see cref="MySqlSourceException"/> for a table without a primary key or with one that cannot be paged exactly.</summary>
    public static IReadOnlyList<ColumnInfo> KeyColumns(TableInfo table)
    {
        if (!table.HasPrimaryKey)
        {
            throw new MySqlSourceException(
                $"Table {table} has no primary key, so it cannot be read in resumable chunks nor its changes matched to rows; add a primary key to the table.");
        }

        var key = table.PrimaryKey.Select(table.Column).ToList();
        foreach (var column in key)
        {
            if (column.ValueKind is MySqlValueKind.Single or MySqlValueKind.Double || column.DataType is "enum" or "set")
            {
                throw new MySqlSourceException(
                    $"Table {table}: primary key column {column.Name} is {column.ColumnType}, which cannot be paged exactly (approximate or index-ordered values); use a key of integer, decimal, text, binary or temporal columns.");
            }
        }

        return key;
    }

    private static IReadOnlyList<object?> Check(TableInfo table, IReadOnlyList<object?> key) =>
        key.Count == table.PrimaryKey.Count
            ? key
            : throw new ArgumentException($"A key of table {table} has {table.PrimaryKey.Count} value(s) ({string.Join(", ", table.PrimaryKey)}), not {key.Count}.", nameof(key));

    // (k1, k2, ..) > (v1, v2, ..) spelled out: k1 > v1 OR (k1 = v1 AND k2 > v2) OR ...
    private static string Compare(IReadOnlyList<ColumnInfo> key, IReadOnlyList<object?> values, string op)
    {
        var terms = new List<string>();
        for (var i = 0; i < key.Count; i++)
        {
            var term = new StringBuilder("(");
            for (var j = 0; j < i; j++)
            {
                term.Append(SqlText.Identifier(key[j].Name)).Append(" = ").Append(SqlText.Literal(values[j])).Append(" AND ");
            }

            term.Append(SqlText.Identifier(key[i].Name)).Append(' ').Append(op).Append(' ').Append(SqlText.Literal(values[i])).Append(')');
            terms.Add(term.ToString());
        }

        return "(" + string.Join(" OR ", terms) + ")";
    }
}
