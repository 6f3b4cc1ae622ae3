using System.Text;
using ContinuousLoad.Sources.Postgres.Metadata;
using ContinuousLoad.Sources.Postgres.Values;

namespace ContinuousLoad.Sources.Postgres.Snapshot;

/// <summary>
/// The SQL of keyset chunking over a (possibly composite) primary key, using row comparison
/// <c>(k1, k2) &gt; (v1, v2)</c>, which the primary key's btree answers as a range scan. Key values are
/// inlined as typed literals (<c>'42'::integer</c>) because COPY (query) takes no parameters; they are
/// quoted with standard_conforming_strings on (set on our connections), so any text is safe. Columns are
/// qualified (<c>src.k</c>) because the select list prints them as text under the same names, and an
/// unqualified ORDER BY would sort by that text.
/// </summary>
public static class KeysetSql
{
    /// <summary>The key of the row that ends a chunk starting after <paramref name="after"/>: the chunkSize-th key, or none when fewer remain.</summary>
    public static string ChunkEnd(TableMetadata table, IReadOnlyList<string>? after, int chunkSize)
    {
        var key = RequireKey(table);
        var sql = new StringBuilder("SELECT ").AppendJoin(", ", key.Select(c => Quote(c.Name) + "::text"));
        sql.Append(" FROM ").Append(table.Name.Quoted).Append(" AS src");
        AppendRange(sql, key, after, null);
        sql.Append(" ORDER BY ").AppendJoin(", ", key.Select(c => "src." + Quote(c.Name)));
        sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" OFFSET {chunkSize - 1} LIMIT 1");
        return sql.ToString();
    }

    /// <summary>
    /// A binary COPY of one chunk's rows: columns <see cref="BinaryValueDecoder"/> reads are sent in their
    /// binary form, every other column as its text (<c>::text</c>, read by <see cref="TextValueDecoder"/>).
    /// </summary>
    /// <param name="limit">At most this many rows (the first ones in key order); null for all in the range.</param>
    public static string CopyChunk(TableMetadata table, IReadOnlyList<PgTypeInfo> types, IReadOnlyList<string>? after, IReadOnlyList<string>? upTo, int? limit = null)
    {
        var key = RequireKey(table);
        var sql = new StringBuilder("COPY (SELECT ");
        sql.AppendJoin(", ", table.Columns.Select((c, i) => BinaryValueDecoder.Supports(types[i]) ? Quote(c.Name) : Quote(c.Name) + "::text"));
        sql.Append(" FROM ").Append(table.Name.Quoted).Append(" AS src");
        AppendRange(sql, key, after, upTo);
        sql.Append(" ORDER BY ").AppendJoin(", ", key.Select(c => "src." + Quote(c.Name)));
        if (limit is { } rows)
        {
            sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" LIMIT {rows}");
        }

        return sql.Append(") TO STDOUT (FORMAT binary)").ToString();
    }

    /// <summary>A binary COPY of the one row whose primary key is <paramref name="key"/> (values as the server prints them), as <see cref="CopyChunk"/> reads rows.</summary>
    public static string CopyRow(TableMetadata table, IReadOnlyList<PgTypeInfo> types, IReadOnlyList<string> key)
    {
        var columns = RequireKey(table);
        var sql = new StringBuilder("COPY (SELECT ");
        sql.AppendJoin(", ", table.Columns.Select((c, i) => BinaryValueDecoder.Supports(types[i]) ? Quote(c.Name) : Quote(c.Name) + "::text"));
        sql.Append(" FROM ").Append(table.Name.Quoted).Append(" AS src WHERE (").AppendJoin(", ", columns.Select(c => "src." + Quote(c.Name)));
        sql.Append(") = ").Append(Values(columns, key));
        return sql.Append(") TO STDOUT (FORMAT binary)").ToString();
    }

    /// <summary>The smallest and largest key after <paramref name="after"/> (NULLs when none): two probes of the key's btree.</summary>
    public static string KeyBounds(TableMetadata table, IReadOnlyList<string>? after)
    {
        var key = Quote(RequireKey(table).Single().Name);
        var sql = new StringBuilder($"SELECT min(src.{key}), max(src.{key}) FROM ").Append(table.Name.Quoted).Append(" AS src");
        AppendRange(sql, table.PrimaryKey, after, null);
        return sql.ToString();
    }

    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static void AppendRange(StringBuilder sql, IReadOnlyList<ColumnMetadata> key, IReadOnlyList<string>? after, IReadOnlyList<string>? upTo)
    {
        var columns = "(" + string.Join(", ", key.Select(c => "src." + Quote(c.Name))) + ")";
        var clauses = new List<string>(2);
        if (after is not null)
        {
            clauses.Add($"{columns} > {Values(key, after)}");
        }

        if (upTo is not null)
        {
            clauses.Add($"{columns} <= {Values(key, upTo)}");
        }

        if (clauses.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", clauses);
        }
    }

    private static string Values(IReadOnlyList<ColumnMetadata> key, IReadOnlyList<string> values)
    {
        if (values.Count != key.Count)
        {
            throw new ArgumentException($"A key bound has {values.Count} values, the primary key {key.Count} columns.", nameof(values));
        }

        return "(" + string.Join(", ", key.Select((c, i) => Literal(values[i]) + "::" + c.TypeName)) + ")";
    }

    private static IReadOnlyList<ColumnMetadata> RequireKey(TableMetadata table) =>
        table.PrimaryKey.Count > 0
            ? table.PrimaryKey
            : throw new PostgresSourceException(
                PostgresSourceError.TableWithoutPrimaryKey,
                $"Table {table.Name} has no primary key, so it cannot be read in resumable chunks. Add one (ALTER TABLE {table.Name} ADD PRIMARY KEY (...)).");

    private static string Quote(string identifier) => TableName.QuoteIdentifier(identifier);
}
