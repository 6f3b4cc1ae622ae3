using System.Globalization;
using ContinuousLoad.Sql.Syntax.Definitions;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Storage;
using Npgsql;

namespace ContinuousLoad.Tables.Postgres;

/// <summary>
/// Applies batches inside an open PostgreSQL transaction. DUPLICATE tables take the batch by COPY.
/// Keyed tables get the batch folded to one row per key; a batch of new keys then goes straight in by
/// COPY (under a savepoint: a key that already exists rolls it back), otherwise it is copied into a
/// temporary table and merged with one INSERT ... ON CONFLICT (and one DELETE for deletions without a
/// sequence column). After the first conflict a transaction merges every later batch.
/// </summary>
internal sealed class PostgresBatchWriter(NpgsqlConnection connection, Func<TableSchema, ColumnSchema, long, CancellationToken, Task<long>> reserveAutoIncrement)
{
    private const string UniqueViolation = "23505";
    private readonly Dictionary<string, string> _stages = new(StringComparer.Ordinal);
    private readonly HashSet<string> _conflicting = new(StringComparer.Ordinal);

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
            await PostgresCopy.WriteAsync(connection, target, batch.Columns, batch, null, generated, cancellationToken);
            return;
        }

        var reduced = BatchReducer.Reduce(batch);
        if (!batch.UpdatesOnly && await TryInsertNewKeysAsync(reduced, target, names, generated, cancellationToken))
        {
            return;
        }

        var stage = await StageAsync(batch, cancellationToken);
        await PostgresCopy.WriteAsync(connection, stage, reduced.Columns, reduced,
            [("__cl_op", row => (long)reduced.Operation(row), DataType.SmallInt)], generated, cancellationToken);

        if (batch.UpdatesOnly)
        {
            await EnsureKeysExistAsync(table, target, stage, batch.MissingKeysSkipped, cancellationToken);
        }

        var quoted = string.Join(", ", names.Select(PostgresNames.Quote));
        var sequenced = table.SequenceColumn is { } sequence && names.Contains(sequence.Name, StringComparer.OrdinalIgnoreCase);
        var merge = new List<string>(3);
        if (table.HasDeleteSign && !sequenced)
        {
            var match = string.Join(" AND ", table.KeyColumns.Select(k => $"t.{PostgresNames.Quote(k.Name)} = s.{PostgresNames.Quote(k.Name)}"));
            merge.Add($"DELETE FROM {target} AS t USING {stage} AS s WHERE s.__cl_op = 1 AND {match}");
        }

        var written = table.HasDeleteSign ? [.. batch.Columns, table.Find(Identifiers.DeleteSignColumn)!] : batch.Columns.ToList();
        var insertColumns = string.Join(", ", written.Select(c => PostgresNames.Quote(c.Name)));
        var selected = table.HasDeleteSign ? $"{quoted}, __cl_op" : quoted;
        var filter = table.HasDeleteSign && !sequenced ? " WHERE __cl_op = 0" : "";
        merge.Add($"INSERT INTO {target} AS {MergeSql.Current} ({insertColumns}) SELECT {selected} FROM {stage}{filter}"
                  + MergeSql.OnConflict(table, written, PostgresDialect.Instance));
        // Emptied for the next batch in the same round trip: a merge of many small batches (a database-level task's runs) costs two, not four.
        merge.Add($"TRUNCATE {stage}");
        await ExecuteAsync(merge, cancellationToken);
    }

    /// <summary>COPY straight into the table when every key is new (no deletes, no existing rows): the common case of a load.</summary>
    private async Task<bool> TryInsertNewKeysAsync(RowBatch reduced, string target, List<string> names, (int Column, long Next)? generated,
        CancellationToken cancellationToken)
    {
        var table = reduced.Table;
        if (_conflicting.Contains(target) || Enumerable.Range(0, reduced.Count).Any(row => reduced.Operation(row) == RowOperation.Delete)
            || table.KeyColumns.Any(k => !names.Contains(k.Name, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }

        await ExecuteAsync("SAVEPOINT cl_new_keys", cancellationToken);
        try
        {
            await PostgresCopy.WriteAsync(connection, target, reduced.Columns, reduced,
                table.HasDeleteSign ? [(Identifiers.DeleteSignColumn, _ => 0L, DataType.SmallInt)] : null, generated, cancellationToken);
            await ExecuteAsync("RELEASE SAVEPOINT cl_new_keys", cancellationToken);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == UniqueViolation)
        {
            await ExecuteAsync("ROLLBACK TO SAVEPOINT cl_new_keys", cancellationToken);
            _conflicting.Add(target);
            return false;
        }
    }

    /// <summary>
    /// For an update-only partial update: the first staged key the table does not hold fails the write — or, with
    /// <paramref name="skipMissing"/>, the staged rows of such keys are dropped, so the merge only updates.
    /// </summary>
    private async Task EnsureKeysExistAsync(TableSchema table, string target, string stage, bool skipMissing, CancellationToken cancellationToken)
    {
        var keys = table.KeyColumns.Select(k => PostgresNames.Quote(k.Name)).ToList();
        var match = string.Join(" AND ", keys.Select(k => $"t.{k} = s.{k}"));
        if (skipMissing)
        {
            await ExecuteAsync($"DELETE FROM {stage} AS s WHERE s.__cl_op = 0 AND NOT EXISTS (SELECT 1 FROM {target} AS t WHERE {match})", cancellationToken);
            return;
        }

        await using var command = new NpgsqlCommand(
            $"SELECT concat_ws(', ', {string.Join(", ", keys.Select(k => $"s.{k}::text"))}) FROM {stage} AS s " +
            $"WHERE s.__cl_op = 0 AND NOT EXISTS (SELECT 1 FROM {target} AS t WHERE {match}) LIMIT 1", connection);
        if (await command.ExecuteScalarAsync(cancellationToken) is string key)
        {
            throw new NewKeyInPartialUpdateException(key);
        }
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

    /// <summary>
    /// A temporary table for this column set, dropped at commit. It is empty for each batch: a merge empties it, and a batch
    /// that fails before its merge ends the transaction (PostgreSQL aborts it, or the load fails and rolls it back).
    /// </summary>
    private async Task<string> StageAsync(RowBatch batch, CancellationToken cancellationToken)
    {
        var key = batch.Table.Database + "." + batch.Table.Name + ":" + string.Join(",", batch.Columns.Select(c => c.Name));
        if (_stages.TryGetValue(key, out var stage))
        {
            return stage;
        }

        stage = $"cl_stage_{_stages.Count.ToString(CultureInfo.InvariantCulture)}";
        var columns = string.Join(", ", batch.Columns.Select(c => $"{PostgresNames.Quote(c.Name)} {PostgresTypes.Column(c.Type)}"));
        await ExecuteAsync($"CREATE TEMP TABLE {stage} ({columns}, __cl_op smallint) ON COMMIT DROP", cancellationToken);
        _stages.Add(key, stage);
        return stage;
    }

    private Task ExecuteAsync(string sql, CancellationToken cancellationToken) => ExecuteAsync([sql], cancellationToken);

    /// <summary>The statements in order, in one round trip.</summary>
    private async Task ExecuteAsync(IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var sql in statements)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(sql));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
