using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Catalog;
using Npgsql;

namespace ContinuousLoad.Tables.Postgres;

/// <summary>TRUNCATE ... PARTITION: rows are matched to partitions by the same router loads use, then deleted.</summary>
internal static class PostgresPartitions
{
    public static async Task DeleteAsync(NpgsqlConnection connection, TableSchema table, IReadOnlyList<string> partitions, CancellationToken cancellationToken)
    {
        var scheme = table.Partitioning ?? throw new DorisException($"Table {table.Name} is not partitioned");
        foreach (var partition in partitions.Where(p => scheme.Partitions.All(s => !s.Name.Equals(p, StringComparison.OrdinalIgnoreCase))))
        {
            throw new DorisException($"Unknown partition '{partition}' in table {table.Name}");
        }

        var keys = scheme.Columns.Select(c => table.Find(c)!).ToArray();
        var doomed = new List<string>();
        var select = string.Join(", ", keys.Select(k => PostgresStoredForm.Expression(PostgresNames.Quote(k.Name), k.Type)));
        await using (var command = new NpgsqlCommand($"SELECT ctid::text, {select} FROM {PostgresNames.Table(table.Database, table.Name)}", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            var values = new SqlValue[keys.Length];
            while (await reader.ReadAsync(cancellationToken))
            {
                for (var i = 0; i < keys.Length; i++)
                {
                    values[i] = PostgresStoredForm.Read(reader, i + 1, keys[i].Type);
                }

                if (scheme.Find(values) is { } name && partitions.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    doomed.Add(reader.GetString(0));
                }
            }
        }

        if (doomed.Count > 0)
        {
            await PostgresCommands.ExecuteAsync(connection, $"DELETE FROM {PostgresNames.Table(table.Database, table.Name)} WHERE ctid::text = ANY($1::text[])", cancellationToken, [doomed.ToArray()]);
        }
    }
}
