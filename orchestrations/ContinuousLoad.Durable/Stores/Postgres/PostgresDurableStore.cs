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
    private const long SchemaLock = 0x636C5F647572626CL;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly AsyncSignal _work = new();
    private readonly AsyncSignal _changes = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _listening;

    /// <param name="schema">Where the store's tables live (tests give each store its own); a plain lower-case identifier.</param>
    public PostgresDurableStore(string connectionString, string schema = DefaultSchema)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(schema, "^[a-z_][a-z0-9_]{0,40}$"))
        {
            throw new ArgumentException($"'{schema}' is not a plain lower-case identifier", nameof(schema));
        }

        _dataSource = NpgsqlDataSource.Create(connectionString);
        _schema = schema;
    }

    private string WorkChannel => _schema + "_work";

    private string ChangeChannel => _schema + "_changes";

    public string Kind => "postgres";

    public Task WorkSignal() => _work.Next;

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
                connection.Notification += (_, e) => (e.Channel == WorkChannel ? _work : _changes).Pulse();
                await ExecuteAsync(connection, $"LISTEN {WorkChannel}; LISTEN {ChangeChannel}", stop);

                // Anything that happened while not listening: look again.
                _work.Pulse();
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
        var command = new NpgsqlCommand(_schema == DefaultSchema ? sql : sql.Replace("cl_durable.", _schema + ".", StringComparison.Ordinal), connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter ?? DBNull.Value });
        }

        return command;
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

    private static string NewToken() => Guid.NewGuid().ToString("N");
}
