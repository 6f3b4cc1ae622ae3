using Npgsql;

namespace ContinuousLoad.Durable.Stores.Postgres;

/// <summary>
/// The durable store in PostgreSQL (schema <c>cl_durable</c>): many workers in many processes, instances
/// and activities leased with <c>FOR UPDATE SKIP LOCKED</c>, the database's clock for every time, and
/// <c>LISTEN/NOTIFY</c> so waiting workers and clients wake as soon as something changes.
/// </summary>
public sealed partial class PostgresDurableStore : IDurableStore
{
    public const string DefaultSchema = "cl_durable";
    public const int DefaultMaxPoolSize = 24;
    private const long SchemaLock = 0x636C5F647572626CL;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly AsyncSignal _orchestrationWork = new();
    private readonly AsyncSignal _activityWork = new();
    private readonly AsyncSignal _changes = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _listening;
    private long _statements;

    /// <param name="schema">Where the store's tables live (tests give each store its own); a plain lower-case identifier.</param>
    public PostgresDurableStore(string connectionString, string schema = DefaultSchema)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(schema, "^[a-z_][a-z0-9_]{0,40}$"))
        {
            throw new ArgumentException($"'{schema}' is not a plain lower-case identifier", nameof(schema));
        }

        // The store runs the same few statements all the time (keep them prepared) and needs few connections
        // (a worker's concurrency plus its clients): bounded so many processes fit in one server's max_connections.
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()).ToHashSet();
        if (!given.Contains("MAXAUTOPREPARE"))
        {
            builder.MaxAutoPrepare = 32;
        }

        if (!given.Contains("MAXPOOLSIZE") && !given.Contains("MAXIMUMPOOLSIZE"))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        _schema = schema;
    }

    private string OrchestrationChannel => _schema + "_orchestrations";

    private string ActivityChannel => _schema + "_activities";

    private string ChangeChannel => _schema + "_changes";

    public string Kind => "postgres";

    public long StatementsExecuted => Interlocked.Read(ref _statements);

    public Task OrchestrationWorkSignal() => _orchestrationWork.Next;

    public Task ActivityWorkSignal() => _activityWork.Next;

    public Task InstanceChangeSignal() => _changes.Next;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({SchemaLock}); CREATE SCHEMA IF NOT EXISTS {_schema}; " +
                "CREATE TABLE IF NOT EXISTS cl_durable.schema_versions (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", cancellationToken);
            var applied = (int)(await ScalarAsync(connection, "SELECT coalesce(max(version), 0) FROM cl_durable.schema_versions", cancellationToken) ?? 0);
            foreach (var (version, sql) in SchemaScripts.For("Postgres").Where(s => s.Version > applied))
            {
                await ExecuteAsync(connection, sql, cancellationToken);
                await ExecuteAsync(connection, "INSERT INTO cl_durable.schema_versions (version) VALUES ($1)", cancellationToken, version);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        _listening ??= Task.Run(() => ListenAsync(_stop.Token), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_listening is not null)
        {
            await _listening;
        }

        await _dataSource.DisposeAsync();
        _stop.Dispose();
    }

    /// <summary>Turns notifications from any process into local pulses; reconnects when the connection drops.</summary>
    private async Task ListenAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stop);
                connection.Notification += (_, e) => Signal(e.Channel).Pulse();
                await ExecuteAsync(connection, $"LISTEN {OrchestrationChannel}; LISTEN {ActivityChannel}; LISTEN {ChangeChannel}", stop);

                // Anything that happened while not listening: look again.
                _orchestrationWork.Pulse();
                _activityWork.Pulse();
                _changes.Pulse();
                while (true)
                {
                    await connection.WaitAsync(stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or System.IO.IOException)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private AsyncSignal Signal(string channel) =>
        channel == OrchestrationChannel ? _orchestrationWork : channel == ActivityChannel ? _activityWork : _changes;

    /// <summary>Runs <paramref name="work"/> in one transaction on a pooled connection.</summary>
    private async Task<T> WriteAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(connection);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>A command on the store's schema: SQL is written against <c>cl_durable</c> and pointed at the configured one.</summary>
    private NpgsqlCommand Command(NpgsqlConnection connection, string sql, object?[] parameters)
    {
        Interlocked.Increment(ref _statements);
        var command = new NpgsqlCommand(OnSchema(sql), connection);
        AddParameters(command.Parameters, parameters);
        return command;
    }

    /// <summary>Statements sent together in one round trip (and, without a transaction, run as one).</summary>
    private NpgsqlBatch Batch(NpgsqlConnection connection, IEnumerable<Statement> statements)
    {
        var batch = new NpgsqlBatch(connection);
        foreach (var (sql, parameters) in statements)
        {
            Interlocked.Increment(ref _statements);
            var command = new NpgsqlBatchCommand(OnSchema(sql));
            AddParameters(command.Parameters, parameters);
            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    private string OnSchema(string sql) => _schema == DefaultSchema ? sql : sql.Replace("cl_durable.", _schema + ".", StringComparison.Ordinal);

    private static void AddParameters(NpgsqlParameterCollection collection, object?[] parameters)
    {
        foreach (var parameter in parameters)
        {
            collection.Add(new NpgsqlParameter { Value = parameter ?? DBNull.Value });
        }
    }

    /// <summary>One statement on a pooled connection, committed on its own.</summary>
    private async Task<int> RunAsync(string sql, CancellationToken cancellationToken, params object?[] parameters)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await ExecuteAsync(connection, sql, cancellationToken, parameters);
    }

    private async Task<DateTime?> NextDueAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await ScalarAsync(connection, sql, cancellationToken) as DateTime?;
    }

    private async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object?[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object?[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    private sealed record Statement(string Sql, params object?[] Parameters);

    private static string NewToken() => Guid.NewGuid().ToString("N");
}
