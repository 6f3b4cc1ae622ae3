using Npgsql;

namespace ContinuousLoad.Sources.Postgres.Metadata;

/// <summary>Reads schemas, tables, columns, primary keys, comments and replica identity from pg_catalog.</summary>
public static class MetadataReader
{
    public static async Task<IReadOnlyList<string>> ListSchemasAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1", connection);
        return await ReadStringsAsync(command, cancellationToken);
    }

    public static async Task<IReadOnlyList<string>> ListTablesAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        // Ordinary and partitioned tables; partitions are read through their root.
        await using var command = new NpgsqlCommand(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1",
            connection)
        {
            Parameters = { new() { Value = schema } },
        };
        return await ReadStringsAsync(command, cancellationToken);
    }

    public static async Task<TableMetadata> ReadTableAsync(NpgsqlConnection connection, TableName table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT c.oid, obj_description(c.oid, 'pg_class'), c.relreplident, c.relkind = 'p',
                   a.attname, a.attnum, a.atttypid, a.atttypmod, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull,
                   col_description(c.oid, a.attnum), coalesce(array_position(pk.conkey, a.attnum), 0)
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            LEFT JOIN pg_constraint pk ON pk.conrelid = c.oid AND pk.contype = 'p'
            WHERE n.nspname = $1 AND c.relname = $2
            ORDER BY a.attnum
            """,
            connection)
        {
            Parameters = { new() { Value = table.Schema }, new() { Value = table.Name } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var columns = new List<ColumnMetadata>();
        (uint Oid, string? Comment, char Identity, bool Partitioned)? head = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            head ??= (reader.GetFieldValue<uint>(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetChar(2), reader.GetBoolean(3));
            columns.Add(new ColumnMetadata(
                reader.GetString(4),
                reader.GetInt16(5),
                reader.GetFieldValue<uint>(6),
                reader.GetInt32(7),
                reader.GetString(8),
                reader.GetBoolean(9),
                reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.GetInt32(11)));
        }

        if (head is not { } found)
        {
            throw new PostgresSourceException(PostgresSourceError.TableMissing, $"Table {table} does not exist in database '{connection.Database}' (or has no columns).");
        }

        return new TableMetadata(table, found.Oid, found.Comment, (ReplicaIdentity)found.Identity, found.Partitioned, columns);
    }

    /// <summary>The primary key of each table of <paramref name="schema"/> that has one, in key order, in one query.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ReadPrimaryKeysAsync(NpgsqlConnection connection, string schema,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT c.relname, a.attname
            FROM pg_constraint pk
            JOIN pg_class c ON c.oid = pk.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            CROSS JOIN LATERAL unnest(pk.conkey) WITH ORDINALITY AS k(attnum, position)
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
            WHERE pk.contype = 'p' AND n.nspname = $1
            ORDER BY c.relname, k.position
            """,
            connection)
        {
            Parameters = { new() { Value = schema } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var table = reader.GetString(0);
            if (!keys.TryGetValue(table, out var columns))
            {
                keys[table] = columns = [];
            }

            columns.Add(reader.GetString(1));
        }

        return keys.ToDictionary(k => k.Key, k => (IReadOnlyList<string>)k.Value, StringComparer.Ordinal);
    }

    private static async Task<IReadOnlyList<string>> ReadStringsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>The rows of each table of <paramref name="schema"/> as the planner estimates them (<c>pg_class.reltuples</c>; 0 before the first ANALYZE), in one query.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> ReadRowEstimatesAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT c.relname, greatest(c.reltuples, 0)::bigint
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')
            """,
            connection)
        {
            Parameters = { new() { Value = schema } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[reader.GetString(0)] = reader.GetInt64(1);
        }

        return rows;
    }

    /// <summary>How many rows <paramref name="table"/> holds now, counted up to <paramref name="atMost"/> (a table that holds more answers <paramref name="atMost"/>).</summary>
    public static async Task<long> CountRowsAsync(NpgsqlConnection connection, TableName table, long atMost, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM (SELECT 1 FROM {table.Quoted} LIMIT $1) AS counted", connection)
        {
            Parameters = { new() { Value = atMost } },
        };
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
