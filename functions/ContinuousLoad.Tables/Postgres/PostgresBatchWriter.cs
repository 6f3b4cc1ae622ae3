using System.Globalization;
using ContinuousLoad.Sql.Syntax.Definitions;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Storage;
using Npgsql;

namespace ContinuousLoad.Tables.Postgres;

/// <summary>
/// Applies batches inside an open PostgreSQL transaction. DUPLICATE tables take the batch by COPY;
/// keyed tables get the batch folded to one row per key, copied into a temporary table and merged
/// with one INSERT ... ON CONFLICT (and one DELETE for deletions without a sequence column).
/// </summary>
internal sealed class PostgresBatchWriter(NpgsqlConnection connection, Func<TableSchema, ColumnSchema, long, CancellationToken, Task<long>> reserveAutoIncrement)
{
    private readonly Dictionary<string, string> _stages = new(StringComparer.Ordinal);

    public async Task ApplyAsync(RowBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var table = batch.Table;
        var target = PostgresNames.Table(table.Database, table.Name);
        var names = batch.Columns.Select(c => c.Name).ToList();
        var generated = await GeneratedAsync(batch, cancellationToken);
        if (table.KeyModel == KeyModel.Duplicate)
        {
            await PostgresCopy.WriteAsync(connection, target, names, batch, null, generated, cancellationToken);
            return;
        }

        var reduced = BatchReducer.Reduce(batch);
        var stage = await StageAsync(batch, cancellationToken);
        await PostgresCopy.WriteAsync(connection, stage, [.. names, "__cl_op"], reduced,
            row => ((int)reduced.Operation(row)).ToString(CultureInfo.InvariantCulture), generated, cancellationToken);

        var quoted = string.Join(", ", names.Select(PostgresNames.Quote));
        var sequenced = table.SequenceColumn is { } sequence && names.Contains(sequence.Name, StringComparer.OrdinalIgnoreCase);
        if (table.HasDeleteSign && !sequenced)
        {
            var match = string.Join(" AND ", table.KeyColumns.Select(k => $"t.{PostgresNames.Quote(k.Name)} = s.{PostgresNames.Quote(k.Name)}"));
            await ExecuteAsync($"DELETE FROM {target} AS t USING {stage} AS s WHERE s.__cl_op = 1 AND {match}", cancellationToken);
        }

        var written = table.HasDeleteSign ? [.. batch.Columns, table.Find(Identifiers.DeleteSignColumn)!] : batch.Columns.ToList();
        var insertColumns = string.Join(", ", written.Select(c => PostgresNames.Quote(c.Name)));
        var selected = table.HasDeleteSign ? $"{quoted}, __cl_op" : quoted;
        var filter = table.HasDeleteSign && !sequenced ? " WHERE __cl_op = 0" : "";
        await ExecuteAsync($"INSERT INTO {target} AS {MergeSql.Current} ({insertColumns}) SELECT {selected} FROM {stage}{filter}"
                           + MergeSql.OnConflict(table, written, PostgresDialect.Instance), cancellationToken);
    }

    private async Task<(int Column, long Next)?> GeneratedAsync(RowBatch batch, CancellationToken cancellationToken)
    {
        for (var c = 0; c < batch.Columns.Length; c++)
        {
            if (!batch.Columns[c].AutoIncrement)
            {
                continue;
            }

            var missing = 0;
            for (var row = 0; row < batch.Count; row++)
            {
                missing += batch.Vectors[c].IsNull(row) ? 1 : 0;
            }

            return missing == 0 ? null : (c, await reserveAutoIncrement(batch.Table, batch.Columns[c], missing, cancellationToken));
        }

        return null;
    }

    /// <summary>A temporary table for this column set, emptied for each batch and dropped at commit.</summary>
    private async Task<string> StageAsync(RowBatch batch, CancellationToken cancellationToken)
    {
        var key = batch.Table.Database + "." + batch.Table.Name + ":" + string.Join(",", batch.Columns.Select(c => c.Name));
        if (_stages.TryGetValue(key, out var stage))
        {
            await ExecuteAsync($"TRUNCATE {stage}", cancellationToken);
            return stage;
        }

        stage = $"cl_stage_{_stages.Count.ToString(CultureInfo.InvariantCulture)}";
        var columns = string.Join(", ", batch.Columns.Select(c => $"{PostgresNames.Quote(c.Name)} {PostgresTypes.Column(c.Type)}"));
        await ExecuteAsync($"CREATE TEMP TABLE {stage} ({columns}, __cl_op smallint) ON COMMIT DROP", cancellationToken);
        _stages.Add(key, stage);
        return stage;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
