using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Queries;
using ContinuousLoad.Tables.Storage;
using Npgsql;

namespace ContinuousLoad.Tables.Postgres;

/// <summary>
/// The table store on PostgreSQL: a schema per database, the catalog and labels in <c>cl_catalog</c>.
/// Several hosts may share it; every write is one PostgreSQL transaction with its label.
/// </summary>
public sealed class PostgresTableStore : ITableStore
{
    private static readonly HashSet<string> ReservedSchemas = new(StringComparer.OrdinalIgnoreCase) { "public", "information_schema", PostgresNames.Catalog };
    private readonly NpgsqlDataSource _dataSource;

    private PostgresTableStore(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    public string Kind => "postgres";

    /// <summary>Connects and brings <c>cl_catalog</c> to the current version.</summary>
    public static async Task<PostgresTableStore> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        try
        {
            await PostgresStoreSchema.UpgradeAsync(dataSource, cancellationToken);
            return new PostgresTableStore(dataSource);
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }
    }

    public async Task CreateDatabaseAsync(string database, bool ifNotExists, CancellationToken cancellationToken)
    {
        Identifiers.Database(database);
        if (ReservedSchemas.Contains(database) || database.StartsWith("pg_", StringComparison.OrdinalIgnoreCase))
        {
            throw new DorisException($"Database name '{database}' is reserved by PostgreSQL");
        }

        await InTransactionAsync(async connection =>
        {
            await PostgresCommands.ExecuteAsync(connection, "LOCK TABLE cl_catalog.databases IN EXCLUSIVE MODE", cancellationToken);
            if (await PostgresCommands.ScalarAsync(connection, "SELECT 1 FROM cl_catalog.databases WHERE name = $1", cancellationToken, database) is not null)
            {
                return ifNotExists ? 0 : throw DorisException.DatabaseExists(database);
            }

            if (await PostgresCommands.ScalarAsync(connection, "SELECT 1 FROM pg_namespace WHERE nspname = $1", cancellationToken, database) is not null)
            {
                throw new DorisException($"Schema '{database}' already exists in PostgreSQL and is not a ContinuousLoad database");
            }

            await PostgresCommands.ExecuteAsync(connection, $"CREATE SCHEMA {PostgresNames.Quote(database)}", cancellationToken);
            await PostgresCommands.ExecuteAsync(connection, "INSERT INTO cl_catalog.databases (name) VALUES ($1)", cancellationToken, database);
            return 0;
        }, cancellationToken);
    }

    public async Task DropDatabaseAsync(string database, bool ifExists, CancellationToken cancellationToken) =>
        await InTransactionAsync(async connection =>
        {
            if (await PostgresCommands.ScalarAsync(connection, "DELETE FROM cl_catalog.databases WHERE name = $1 RETURNING 1", cancellationToken, database) is null)
            {
                return ifExists ? 0 : throw new DorisException($"Can't drop database '{database}'; database doesn't exist");
            }

            await using (var staged = new NpgsqlCommand("SELECT staged FROM cl_catalog.labels WHERE database = $1 AND state = 'Prepared'", connection)
            {
                Parameters = { new() { Value = database } },
            })
            {
                var stages = new List<string?>();
                await using (var reader = await staged.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        stages.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
                    }
                }

                foreach (var stage in stages)
                {
                    await PostgresStaging.DropAsync(connection, stage, cancellationToken);
                }
            }

            await PostgresCommands.ExecuteAsync(connection, $"DROP SCHEMA {PostgresNames.Quote(database)} CASCADE", cancellationToken);
            await PostgresCommands.ExecuteAsync(connection, """
                DELETE FROM cl_catalog.tables WHERE database = $1;
                """, cancellationToken, database);
            await PostgresCommands.ExecuteAsync(connection, "DELETE FROM cl_catalog.labels WHERE database = $1", cancellationToken, database);
            await PostgresCommands.ExecuteAsync(connection, "DELETE FROM cl_catalog.ledger WHERE database = $1", cancellationToken, database);
            await PostgresCommands.ExecuteAsync(connection, "DELETE FROM cl_catalog.counters WHERE key LIKE $1", cancellationToken, database + ".%");
            return 0;
        }, cancellationToken);

    public async Task<IReadOnlyList<string>> ListDatabasesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await PostgresCommands.ListAsync(connection, "SELECT name FROM cl_catalog.databases ORDER BY name", cancellationToken);
    }

    public async Task<bool> DatabaseExistsAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await PostgresCommands.ScalarAsync(connection, "SELECT 1 FROM cl_catalog.databases WHERE name = $1", cancellationToken, database) is not null;
    }

    public async Task CreateTableAsync(TableSchema table, bool ifNotExists, CancellationToken cancellationToken) =>
        await InTransactionAsync(async connection =>
        {
            await LockDatabaseAsync(connection, table.Database, cancellationToken);
            var existing = (await PostgresCommands.ListAsync(connection, "SELECT name FROM cl_catalog.tables WHERE database = $1", cancellationToken, table.Database))
                .FirstOrDefault(name => name.Equals(table.Name, StringComparison.OrdinalIgnoreCase));
            if (existing is not null)
            {
                return ifNotExists && existing == table.Name
                    ? 0
                    : throw (existing == table.Name
                        ? DorisException.TableExists(table.Name)
                        : new DorisException($"Table '{table.Name}' differs only in case from the existing table '{existing}'"));
            }

            await PostgresCommands.ExecuteAsync(connection, PostgresPhysicalSchema.CreateTable(table), cancellationToken);
            await SaveTableAsync(connection, table, cancellationToken);
            return 0;
        }, cancellationToken);

    public async Task DropTableAsync(string database, string table, bool ifExists, CancellationToken cancellationToken) =>
        await InTransactionAsync(async connection =>
        {
            await LockDatabaseAsync(connection, database, cancellationToken);
            if (await PostgresCommands.ScalarAsync(connection, "DELETE FROM cl_catalog.tables WHERE database = $1 AND name = $2 RETURNING 1", cancellationToken, database, table) is null)
            {
                return ifExists ? 0 : throw new DorisException($"Unknown table '{table}' in {database}");
            }

            await PostgresCommands.ExecuteAsync(connection, $"DROP TABLE {PostgresNames.Table(database, table)}", cancellationToken);
            await PostgresCommands.ExecuteAsync(connection, "DELETE FROM cl_catalog.counters WHERE key LIKE $1", cancellationToken, $"{database}.{table}:%");
            return 0;
        }, cancellationToken);

    public async Task TruncateTableAsync(TableSchema table, IReadOnlyList<string> partitions, CancellationToken cancellationToken) =>
        await InTransactionAsync(async connection =>
        {
            if (partitions.Count == 0)
            {
                await PostgresCommands.ExecuteAsync(connection, $"TRUNCATE {PostgresNames.Table(table.Database, table.Name)}", cancellationToken);
                return 0;
            }

            await PostgresPartitions.DeleteAsync(connection, table, partitions, cancellationToken);
            return 0;
        }, cancellationToken);

    public async Task<TableSchema?> FindTableAsync(string database, string table, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await FindTableAsync(connection, database, table, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ListTablesAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await RequireDatabaseAsync(connection, database, cancellationToken);
        return await PostgresCommands.ListAsync(connection, "SELECT name FROM cl_catalog.tables WHERE database = $1 ORDER BY name", cancellationToken, database);
    }

    public async Task AlterTableAsync(TableSchema altered, IReadOnlyList<ColumnChange> changes, CancellationToken cancellationToken) =>
        await InTransactionAsync(async connection =>
        {
            await LockDatabaseAsync(connection, altered.Database, cancellationToken);
            var current = await FindTableAsync(connection, altered.Database, altered.Name, cancellationToken)
                          ?? throw DorisException.UnknownTable(altered.Database, altered.Name);
            if (current.Version != altered.Version - 1)
            {
                throw new DorisException($"Table {altered.Name} was changed concurrently; retry the ALTER");
            }

            var target = PostgresNames.Table(altered.Database, altered.Name);
            foreach (var change in changes)
            {
                if (!change.Added)
                {
                    await PostgresCommands.ExecuteAsync(connection, $"ALTER TABLE {target} DROP COLUMN {PostgresNames.Quote(change.Column.Name)}", cancellationToken);
                    continue;
                }

                await PostgresCommands.ExecuteAsync(connection, $"ALTER TABLE {target} ADD COLUMN {PostgresPhysicalSchema.ColumnDefinition(change.Column)}", cancellationToken);
                if (!change.Backfill.IsNull && Sqlite.SqlitePhysicalSchema.StoredDefault(change.Column) is null)
                {
                    await PostgresCommands.ExecuteAsync(connection, $"UPDATE {target} SET {PostgresNames.Quote(change.Column.Name)} = {PostgresPhysicalSchema.Literal(change.Backfill, change.Column)}",
                        cancellationToken);
                }
            }

            await SaveTableAsync(connection, altered, cancellationToken);
            return 0;
        }, cancellationToken);

    public async Task<IWriteTransaction> BeginWriteAsync(string database, string label, WriteMode mode, CancellationToken cancellationToken)
    {
        if (!await DatabaseExistsAsync(database, cancellationToken))
        {
            throw DorisException.UnknownDatabase(database);
        }

        return await PostgresWriteTransaction.BeginAsync(_dataSource, this, database, label, mode, cancellationToken);
    }

    public async Task<LabelRecord?> FindLabelAsync(string database, string label, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return (await PostgresLabels.FindAsync(connection, database, "label", label, forUpdate: false, cancellationToken))?.Record;
    }

    public async Task<bool> IsLabelRunningAsync(string database, string label, CancellationToken cancellationToken)
    {
        // A running load's connection holds the label's advisory lock; the lock table says whether anyone does.
        var key = PostgresWriteTransaction.LabelLock(database, label);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var held = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 " +
            "AND classid = (($1 >> 32) & 4294967295)::bigint::oid AND objid = ($1 & 4294967295)::bigint::oid)", connection)
        {
            Parameters = { new() { Value = key } },
        };
        return (bool)(await held.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<LabelRecord?> FindTransactionAsync(string database, long transactionId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return (await PostgresLabels.FindAsync(connection, database, "txn_id", transactionId, forUpdate: false, cancellationToken))?.Record;
    }

    public Task<LabelRecord> CommitPreparedAsync(string database, TransactionSelector transaction, CancellationToken cancellationToken) =>
        ResolvePreparedAsync(database, transaction, LabelState.Visible, cancellationToken);

    public Task<LabelRecord> AbortPreparedAsync(string database, TransactionSelector transaction, string reason, CancellationToken cancellationToken) =>
        ResolvePreparedAsync(database, transaction, LabelState.Aborted, cancellationToken);

    public async Task<IReadOnlySet<string>> FindLedgerItemsAsync(string database, string ledger, IReadOnlyCollection<string> items,
        CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await PostgresLedger.FindAsync(connection, database, ledger, items, cancellationToken);
    }

    public async Task ForgetLedgerAsync(string database, string ledger, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await PostgresLedger.ForgetAsync(connection, database, ledger, cancellationToken);
    }

    public async Task<int> ExpireLabelsAsync(DateTime nowUtc, TimeSpan retention, CancellationToken cancellationToken)
    {
        var expired = new List<(string Database, string Label)>();
        await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken))
        await using (var command = new NpgsqlCommand("SELECT database, label FROM cl_catalog.labels WHERE state = 'Prepared' AND expires_at <= $1", connection)
        {
            Parameters = { new() { Value = nowUtc } },
        })
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                expired.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var count = 0;
        foreach (var (database, label) in expired)
        {
            try
            {
                await AbortPreparedAsync(database, TransactionSelector.ByLabel(label), "pre-commit timed out", cancellationToken);
                count++;
            }
            catch (DorisException)
            {
                // Resolved by someone else meanwhile.
            }
        }

        await using var sweep = await _dataSource.OpenConnectionAsync(cancellationToken);
        count += await PostgresCommands.ExecuteAsync(sweep, "DELETE FROM cl_catalog.labels WHERE state IN ('Visible', 'Aborted') AND finished_at < $1",
            cancellationToken, nowUtc - retention);
        return count;
    }

    public async Task<QueryResult> QueryAsync(BoundQuery query, EvaluationContext context, QueryBudget budget, CancellationToken cancellationToken) =>
        await PostgresQueryRunner.RunAsync(_dataSource, query, context, budget, cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>Adds <paramref name="count"/> ids to an AUTO_INCREMENT counter and returns the first.</summary>
    internal async Task<long> ReserveAsync(NpgsqlConnection connection, TableSchema table, ColumnSchema column, long count, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO cl_catalog.counters (key, value) VALUES ($1, 1 + $2)
            ON CONFLICT (key) DO UPDATE SET value = cl_catalog.counters.value + $2
            RETURNING value - $2
            """, connection)
        {
            Parameters = { new() { Value = $"{table.Database}.{table.Name}:{column.Name}" }, new() { Value = count } },
        };
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<LabelRecord> ResolvePreparedAsync(string database, TransactionSelector selector, LabelState outcome, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var found = selector.Label is { } label
            ? await PostgresLabels.FindAsync(connection, database, "label", label, forUpdate: true, cancellationToken)
            : await PostgresLabels.FindAsync(connection, database, "txn_id", selector.TransactionId!.Value, forUpdate: true, cancellationToken);
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
            var writer = new PostgresBatchWriter(connection, (table, column, count, token) => ReserveAsync(connection, table, column, count, token));
            await PostgresStaging.ApplyAsync(connection, prepared.Staged,
                async name => await FindTableAsync(connection, database, name, cancellationToken) ?? throw DorisException.UnknownTable(database, name),
                writer, cancellationToken);
        }
        else
        {
            await PostgresStaging.DropAsync(connection, prepared.Staged, cancellationToken);
        }

        var now = DateTime.UtcNow;
        await PostgresLabels.FinishAsync(connection, database, record.Label, outcome, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return record with { State = outcome, FinishedUtc = now, ExpiresUtc = null };
    }

    private async Task<TableSchema?> FindTableAsync(NpgsqlConnection connection, string database, string table, CancellationToken cancellationToken)
    {
        await RequireDatabaseAsync(connection, database, cancellationToken);
        await using var command = new NpgsqlCommand("SELECT ddl, version FROM cl_catalog.tables WHERE database = $1 AND name = $2", connection)
        {
            Parameters = { new() { Value = database }, new() { Value = table } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? TableDdl.Parse(reader.GetString(0), database, reader.GetInt32(1)) : null;
    }

    private static async Task RequireDatabaseAsync(NpgsqlConnection connection, string database, CancellationToken cancellationToken)
    {
        if (await PostgresCommands.ScalarAsync(connection, "SELECT 1 FROM cl_catalog.databases WHERE name = $1", cancellationToken, database) is null)
        {
            throw DorisException.UnknownDatabase(database);
        }
    }

    /// <summary>Serializes DDL within one database (and fails clearly when it does not exist).</summary>
    private static async Task LockDatabaseAsync(NpgsqlConnection connection, string database, CancellationToken cancellationToken)
    {
        if (await PostgresCommands.ScalarAsync(connection, "SELECT 1 FROM cl_catalog.databases WHERE name = $1 FOR UPDATE", cancellationToken, database) is null)
        {
            throw DorisException.UnknownDatabase(database);
        }
    }

    private static async Task SaveTableAsync(NpgsqlConnection connection, TableSchema table, CancellationToken cancellationToken) =>
        await PostgresCommands.ExecuteAsync(connection, """
            INSERT INTO cl_catalog.tables (database, name, ddl, version) VALUES ($1, $2, $3, $4)
            ON CONFLICT (database, name) DO UPDATE SET ddl = excluded.ddl, version = excluded.version
            """, cancellationToken, table.Database, table.Name, TableDdl.Write(table), table.Version);

    private async Task InTransactionAsync(Func<NpgsqlConnection, Task<int>> work, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await work(connection);
        await transaction.CommitAsync(cancellationToken);
    }
}
