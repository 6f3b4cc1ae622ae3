using System.Collections.Concurrent;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Queries;
using ContinuousLoad.Tables.Storage;
using Microsoft.Data.Sqlite;

namespace ContinuousLoad.Tables.Sqlite;

/// <summary>
/// The embedded table store: one SQLite file per database under <c>{data}/tables</c>. Loads into one
/// database serialize on its writer; different databases and all readers proceed in parallel.
/// </summary>
public sealed class SqliteTableStore : ITableStore
{
    private const string Extension = ".sqlite";
    private readonly string _root;
    private readonly ConcurrentDictionary<string, SqliteDatabase> _databases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Database, string Label), bool> _runningLabels = new();
    private readonly SemaphoreSlim _catalogGate = new(1, 1);

    public SqliteTableStore(string dataDirectory)
    {
        _root = Path.Combine(dataDirectory, "tables");
        Directory.CreateDirectory(_root);
    }

    public string Kind => "sqlite";

    public async Task CreateDatabaseAsync(string database, bool ifNotExists, CancellationToken cancellationToken)
    {
        Identifiers.Database(database);
        await _catalogGate.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(FileOf(database)))
            {
                if (ifNotExists)
                {
                    return;
                }

                throw DorisException.DatabaseExists(database);
            }

            _databases[database] = SqliteDatabase.Create(database, FileOf(database));
        }
        finally
        {
            _catalogGate.Release();
        }
    }

    public async Task DropDatabaseAsync(string database, bool ifExists, CancellationToken cancellationToken)
    {
        await _catalogGate.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(FileOf(database)))
            {
                if (ifExists)
                {
                    return;
                }

                throw new DorisException($"Can't drop database '{database}'; database doesn't exist");
            }

            if (_databases.TryRemove(database, out var open))
            {
                await open.DisposeAsync();
            }

            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(FileOf(database) + suffix);
            }
        }
        finally
        {
            _catalogGate.Release();
        }
    }

    public Task<IReadOnlyList<string>> ListDatabasesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(Directory.EnumerateFiles(_root, "*" + Extension)
            .Select(f => Path.GetFileNameWithoutExtension(f)!)
            .Order(StringComparer.Ordinal)
            .ToList());

    public Task<bool> DatabaseExistsAsync(string database, CancellationToken cancellationToken) => Task.FromResult(File.Exists(FileOf(database)));

    public async Task CreateTableAsync(TableSchema table, bool ifNotExists, CancellationToken cancellationToken)
    {
        using var lease = await Database(table.Database).AcquireWriterAsync(cancellationToken);
        using var transaction = lease.Connection.BeginTransaction();
        var existing = lease.Database.TableNames(lease.Connection, transaction)
            .FirstOrDefault(name => name.Equals(table.Name, StringComparison.OrdinalIgnoreCase));
        if (existing is not null)
        {
            if (ifNotExists && existing == table.Name)
            {
                return;
            }

            throw existing == table.Name
                ? DorisException.TableExists(table.Name)
                : new DorisException($"Table '{table.Name}' differs only in case from the existing table '{existing}'");
        }

        SqliteConnections.Execute(lease.Connection, SqlitePhysicalSchema.CreateTable(table), transaction);
        SqliteDatabase.SaveTable(lease.Connection, transaction, table);
        transaction.Commit();
    }

    public async Task DropTableAsync(string database, string table, bool ifExists, CancellationToken cancellationToken)
    {
        using var lease = await Database(database).AcquireWriterAsync(cancellationToken);
        using var transaction = lease.Connection.BeginTransaction();
        if (lease.Database.FindTable(lease.Connection, table, transaction) is null)
        {
            if (ifExists)
            {
                return;
            }

            throw new DorisException($"Unknown table '{table}' in {database}");
        }

        SqliteConnections.Execute(lease.Connection, $"DROP TABLE {SqliteNames.Quote(table)}", transaction);
        using var command = lease.Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM __cl_tables WHERE name = $name; DELETE FROM __cl_meta WHERE key LIKE 'auto_increment:' || $name || ':%'";
        command.Parameters.AddWithValue("$name", table);
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    public async Task TruncateTableAsync(TableSchema table, IReadOnlyList<string> partitions, CancellationToken cancellationToken)
    {
        using var lease = await Database(table.Database).AcquireWriterAsync(cancellationToken);
        using var transaction = lease.Connection.BeginTransaction();
        if (partitions.Count == 0)
        {
            SqliteConnections.Execute(lease.Connection, $"DELETE FROM {SqliteNames.Quote(table.Name)}", transaction);
        }
        else
        {
            DeletePartitions(lease.Connection, transaction, table, partitions);
        }

        transaction.Commit();
    }

    public async Task<TableSchema?> FindTableAsync(string database, string table, CancellationToken cancellationToken)
    {
        var handle = Database(database);
        await using var reader = handle.OpenReader();
        return handle.FindTable(reader, table);
    }

    public async Task<IReadOnlyList<string>> ListTablesAsync(string database, CancellationToken cancellationToken)
    {
        var handle = Database(database);
        await using var reader = handle.OpenReader();
        return handle.TableNames(reader);
    }

    public async Task AlterTableAsync(TableSchema altered, IReadOnlyList<ColumnChange> changes, CancellationToken cancellationToken)
    {
        using var lease = await Database(altered.Database).AcquireWriterAsync(cancellationToken);
        using var transaction = lease.Connection.BeginTransaction();
        var current = lease.Database.FindTable(lease.Connection, altered.Name, transaction)
                      ?? throw DorisException.UnknownTable(altered.Database, altered.Name);
        if (current.Version != altered.Version - 1)
        {
            throw new DorisException($"Table {altered.Name} was changed concurrently; retry the ALTER");
        }

        foreach (var change in changes)
        {
            var sql = change.Added
                ? $"ALTER TABLE {SqliteNames.Quote(altered.Name)} ADD COLUMN {SqlitePhysicalSchema.ColumnDefinition(change.Column)}"
                : $"ALTER TABLE {SqliteNames.Quote(altered.Name)} DROP COLUMN {SqliteNames.Quote(change.Column.Name)}";
            SqliteConnections.Execute(lease.Connection, sql, transaction);
            if (change.Added && !change.Backfill.IsNull && SqlitePhysicalSchema.StoredDefault(change.Column) is null)
            {
                using var backfill = lease.Connection.CreateCommand();
                backfill.Transaction = transaction;
                backfill.CommandText = $"UPDATE {SqliteNames.Quote(altered.Name)} SET {SqliteNames.Quote(change.Column.Name)} = $value";
                backfill.Parameters.AddWithValue("$value", SqliteQueryEmitter.Storage(change.Backfill, change.Column.Type));
                backfill.ExecuteNonQuery();
            }
        }

        SqliteDatabase.SaveTable(lease.Connection, transaction, altered);
        transaction.Commit();
    }

    public async Task<IWriteTransaction> BeginWriteAsync(string database, string label, WriteMode mode, CancellationToken cancellationToken)
    {
        var handle = Database(database);
        if (!_runningLabels.TryAdd((database, label), true))
        {
            throw new LabelAlreadyExistsException(database, label, null);
        }

        void Release() => _runningLabels.TryRemove((database, label), out _);
        try
        {
            return await SqliteWriteTransaction.BeginAsync(handle, label, mode, Release, cancellationToken);
        }
        catch
        {
            Release();
            throw;
        }
    }

    public async Task<LabelRecord?> FindLabelAsync(string database, string label, CancellationToken cancellationToken)
    {
        await using var reader = Database(database).OpenReader();
        return SqliteLabels.Find(reader, database, "label", label);
    }

    public Task<bool> IsLabelRunningAsync(string database, string label, CancellationToken cancellationToken) =>
        Task.FromResult(_runningLabels.ContainsKey((database, label)));

    public async Task<LabelRecord?> FindTransactionAsync(string database, long transactionId, CancellationToken cancellationToken)
    {
        await using var reader = Database(database).OpenReader();
        return SqliteLabels.Find(reader, database, "txn_id", transactionId);
    }

    public Task<LabelRecord> CommitPreparedAsync(string database, TransactionSelector transaction, CancellationToken cancellationToken) =>
        ResolvePreparedAsync(database, transaction, LabelState.Visible, cancellationToken);

    public Task<LabelRecord> AbortPreparedAsync(string database, TransactionSelector transaction, string reason, CancellationToken cancellationToken) =>
        ResolvePreparedAsync(database, transaction, LabelState.Aborted, cancellationToken);

    public async Task<int> ExpireLabelsAsync(DateTime nowUtc, TimeSpan retention, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var database in await ListDatabasesAsync(cancellationToken))
        {
            List<string> expired;
            await using (var reader = Database(database).OpenReader())
            {
                expired = [.. SqliteLabels.ExpiredPrepared(reader, nowUtc)];
            }

            foreach (var label in expired)
            {
                await AbortPreparedAsync(database, TransactionSelector.ByLabel(label), "pre-commit timed out", cancellationToken);
                count++;
            }

            using var lease = await Database(database).AcquireWriterAsync(cancellationToken);
            count += SqliteLabels.DeleteFinishedBefore(lease.Connection, nowUtc - retention);
        }

        return count;
    }

    public async Task<IReadOnlySet<string>> FindLedgerItemsAsync(string database, string ledger, IReadOnlyCollection<string> items,
        CancellationToken cancellationToken)
    {
        var file = Database(database);
        await file.EnsureCurrentFormatAsync(cancellationToken);
        await using var reader = file.OpenReader();
        return SqliteLedger.Find(reader, ledger, items);
    }

    public async Task ForgetLedgerAsync(string database, string ledger, CancellationToken cancellationToken)
    {
        using var lease = await Database(database).AcquireWriterAsync(cancellationToken);
        SqliteLedger.Forget(lease.Connection, ledger);
    }

    public Task<QueryResult> QueryAsync(BoundQuery query, EvaluationContext context, QueryBudget budget, CancellationToken cancellationToken) =>
        Task.FromResult(SqliteQueryRunner.Run(query, database => FileOf(Database(database).Name), context, budget, cancellationToken));

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases.Values)
        {
            await database.DisposeAsync();
        }

        _databases.Clear();
        _catalogGate.Dispose();
    }

    private async Task<LabelRecord> ResolvePreparedAsync(string database, TransactionSelector selector, LabelState outcome, CancellationToken cancellationToken)
    {
        var handle = Database(database);
        using var lease = await handle.AcquireWriterAsync(cancellationToken);
        using var transaction = lease.Connection.BeginTransaction();
        var found = selector.Label is { } label
            ? SqliteLabels.FindWithStaging(lease.Connection, database, "label", label, transaction)
            : SqliteLabels.FindWithStaging(lease.Connection, database, "txn_id", selector.TransactionId!.Value, transaction);
        if (found is not { } prepared)
        {
            throw DorisException.UnknownTransaction(selector, database);
        }

        var record = prepared.Record;
        if (record.State != LabelState.Prepared)
        {
            throw DorisException.NotPreCommitted(record.TransactionId, record.State);
        }

        if (outcome == LabelState.Visible)
        {
            using var writer = new SqliteBatchWriter(lease.Connection, (table, column, count) =>
                SqliteDatabase.Reserve(lease.Connection, transaction, $"auto_increment:{table.Name}:{column.Name}", count));
            SqliteStaging.Apply(lease.Connection, transaction, prepared.Staged,
                name => handle.FindTable(lease.Connection, name, transaction) ?? throw DorisException.UnknownTable(database, name), writer);
        }
        else
        {
            SqliteStaging.Drop(lease.Connection, transaction, prepared.Staged);
        }

        var now = DateTime.UtcNow;
        SqliteLabels.Finish(lease.Connection, transaction, record.Label, outcome, now);
        transaction.Commit();
        return record with { State = outcome, FinishedUtc = now, ExpiresUtc = null };
    }

    /// <summary>Deletes the rows whose partition key falls in the named partitions (found by the same router loads use).</summary>
    private static void DeletePartitions(SqliteConnection connection, SqliteTransaction transaction, TableSchema table, IReadOnlyList<string> partitions)
    {
        var scheme = table.Partitioning ?? throw new DorisException($"Table {table.Name} is not partitioned");
        foreach (var partition in partitions.Where(p => scheme.Partitions.All(s => !s.Name.Equals(p, StringComparison.OrdinalIgnoreCase))))
        {
            throw new DorisException($"Unknown partition '{partition}' in table {table.Name}");
        }

        var keys = scheme.Columns.Select(c => table.Find(c)!).ToArray();
        var doomed = new List<long>();
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = $"SELECT rowid, {string.Join(", ", keys.Select(k => SqliteNames.Quote(k.Name)))} FROM {SqliteNames.Quote(table.Name)}";
            using var reader = select.ExecuteReader();
            var values = new SqlValue[keys.Length];
            while (reader.Read())
            {
                for (var i = 0; i < keys.Length; i++)
                {
                    values[i] = SqliteValues.Read(reader, i + 1, keys[i].Type);
                }

                if (scheme.Find(values) is { } name && partitions.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    doomed.Add(reader.GetInt64(0));
                }
            }
        }

        using var delete = new SqliteStatement(connection, $"DELETE FROM {SqliteNames.Quote(table.Name)} WHERE rowid = ?1");
        foreach (var rowId in doomed)
        {
            delete.BindInteger(1, rowId);
            delete.Execute();
        }
    }

    private SqliteDatabase Database(string database)
    {
        if (_databases.TryGetValue(database, out var open))
        {
            return open;
        }

        Identifiers.Database(database);
        if (!File.Exists(FileOf(database)))
        {
            throw DorisException.UnknownDatabase(database);
        }

        return _databases.GetOrAdd(database, name => new SqliteDatabase(name, FileOf(name)));
    }

    private string FileOf(string database) => Path.Combine(_root, database + Extension);
}
