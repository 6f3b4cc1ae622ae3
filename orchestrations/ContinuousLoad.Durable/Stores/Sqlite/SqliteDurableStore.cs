using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ContinuousLoad.Durable.Stores.Sqlite;

/// <summary>
/// The durable store in one SQLite file (WAL). Writes go one at a time through an in-process gate and
/// <c>BEGIN IMMEDIATE</c> (other processes wait on SQLite's busy timeout, never see <c>SQLITE_BUSY</c>);
/// reads use their own pooled connections. Work and state changes pulse in-process signals; another
/// process on the same file is found by polling.
/// </summary>
public sealed partial class SqliteDurableStore : IDurableStore
{
    private const int BusyTimeoutSeconds = 60;
    private readonly string _path;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly AsyncSignal _work = new();
    private readonly AsyncSignal _changes = new();
    private readonly TimeProvider _clock;

    public SqliteDurableStore(string path, TimeProvider? clock = null)
    {
        _path = path;
        _clock = clock ?? TimeProvider.System;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();
    }

    public string Kind => "sqlite";

    public Task WorkSignal() => _work.Next;

    public Task InstanceChangeSignal() => _changes.Next;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        await using var connection = Open();
        Execute(connection, null, "PRAGMA journal_mode=WAL;");
        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_versions (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
        var applied = Convert.ToInt32(Scalar(connection, transaction, "SELECT coalesce(max(version), 0) FROM schema_versions"), CultureInfo.InvariantCulture);
        foreach (var (version, sql) in SchemaScripts.For("Sqlite").Where(s => s.Version > applied))
        {
            Execute(connection, transaction, sql);
            Execute(connection, transaction, "INSERT INTO schema_versions (version, applied_at) VALUES ($v, $now)", ("$v", version), ("$now", Ms(Now)));
        }

        transaction.Commit();
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _writer.Dispose();
        return ValueTask.CompletedTask;
    }

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    /// <summary>Runs <paramref name="work"/> in one IMMEDIATE transaction, the only writer of this process.</summary>
    private async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            await using var connection = Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = work(connection, transaction);
            transaction.Commit();
            return result;
        }
        finally
        {
            _writer.Release();
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, null, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF;");
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = BusyTimeoutSeconds;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string, object?)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string, object?)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private static long Ms(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    private static DateTime FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;

    private static string NewToken() => Guid.NewGuid().ToString("N");
}
