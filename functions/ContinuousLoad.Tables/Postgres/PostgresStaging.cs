using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Storage;
using Npgsql;

namespace ContinuousLoad.Tables.Postgres;

/// <summary>
/// Rows of a 2PC transaction wait in committed staging tables under <c>cl_catalog</c>, numbered in
/// write order, until the transaction is committed (applied in order) or aborted (dropped).
/// </summary>
internal sealed class PostgresStaging(NpgsqlConnection connection, long transactionId)
{
    private readonly Dictionary<string, StagedTable> _tables = new(StringComparer.Ordinal);
    private long _order;

    public async Task StageAsync(RowBatch batch, CancellationToken cancellationToken)
    {
        var key = batch.Table.Name + "\n" + string.Join(",", batch.Columns.Select(c => c.Name));
        if (!_tables.TryGetValue(key, out var staged))
        {
            var stage = $"stage_{transactionId.ToString(CultureInfo.InvariantCulture)}_{_tables.Count.ToString(CultureInfo.InvariantCulture)}";
            var columns = string.Join(", ", batch.Columns.Select(c => $"{PostgresNames.Quote(c.Name)} {PostgresTypes.Column(c.Type)}"));
            await using var create = new NpgsqlCommand($"CREATE TABLE {PostgresNames.Catalog}.{PostgresNames.Quote(stage)} ({columns}, __cl_op smallint, __cl_ord bigint)", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            staged = new StagedTable(batch.Table.Name, stage, [.. batch.Columns.Select(c => c.Name)]);
            _tables.Add(key, staged);
        }

        var first = _order;
        _order += batch.Count;
        await PostgresCopy.WriteAsync(connection, $"{PostgresNames.Catalog}.{PostgresNames.Quote(staged.Stage)}", batch.Columns, batch,
            [("__cl_op", row => (long)batch.Operation(row), DataType.SmallInt), ("__cl_ord", row => first + row, DataType.BigInt)], null, cancellationToken);
    }

    public string? Describe() => _tables.Count == 0 ? null : JsonSerializer.Serialize(_tables.Values.ToList());

    public static async Task ApplyAsync(NpgsqlConnection connection, string? staged, Func<string, Task<TableSchema>> table,
        PostgresBatchWriter writer, CancellationToken cancellationToken)
    {
        foreach (var stage in Read(staged))
        {
            var schema = await table(stage.Table);
            var columns = stage.Columns.Select(name => schema.Find(name)
                ?? throw new DorisException($"Column {name} of table {schema.Name} was dropped while transaction data waited for commit")).ToImmutableArray();
            var batch = new RowBatch(schema, columns);
            var select = string.Join(", ", columns.Select(c => PostgresStoredForm.Expression(PostgresNames.Quote(c.Name), c.Type)));
            var batches = new List<RowBatch>();
            await using (var command = new NpgsqlCommand(
                $"SELECT {select}, __cl_op FROM {PostgresNames.Catalog}.{PostgresNames.Quote(stage.Stage)} ORDER BY __cl_ord", connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    for (var c = 0; c < columns.Length; c++)
                    {
                        PostgresStoredForm.Append(reader, c, batch.Vectors[c], columns[c].Type);
                    }

                    batch.EndRow((RowOperation)reader.GetInt16(columns.Length));
                    if (batch.Count == 4096)
                    {
                        batches.Add(batch);
                        batch = new RowBatch(schema, columns);
                    }
                }
            }

            batches.Add(batch);
            foreach (var ready in batches)
            {
                await writer.ApplyAsync(ready, cancellationToken);
            }
        }

        await DropAsync(connection, staged, cancellationToken);
    }

    public static async Task DropAsync(NpgsqlConnection connection, string? staged, CancellationToken cancellationToken)
    {
        foreach (var stage in Read(staged))
        {
            await using var drop = new NpgsqlCommand($"DROP TABLE IF EXISTS {PostgresNames.Catalog}.{PostgresNames.Quote(stage.Stage)}", connection);
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static List<StagedTable> Read(string? staged) =>
        staged is null ? [] : JsonSerializer.Deserialize<List<StagedTable>>(staged) ?? [];

    internal sealed record StagedTable(string Table, string Stage, string[] Columns);
}
