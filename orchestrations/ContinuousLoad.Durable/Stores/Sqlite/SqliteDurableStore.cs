using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ContinuousLoad.Durable.Stores.Sqlite;

/// <summary>
/// The durable store in one SQLite file (WAL). Writes go one at a time through an in-process gate on
/// one long-lived connection whose statements stay prepared, each in <c>BEGIN IMMEDIATE</c> (other
/// processes wait on SQLite's busy timeout, never see <c>SQLITE_BUSY</c>); clients read on their own
/// pooled connections. Changes pulse in-process signals; another process on the same file is found by polling.
/// </summary>
public sealed partial class SqliteDurableStore : IDurableStore
{
    private const int BusyTimeoutSeconds = 60;
    private readonly string _path;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);
    private readonly AsyncSignal _orchestrationWork = new();
    private readonly AsyncSignal _activityWork = new();
    private readonly AsyncSignal _changes = new();
    private readonly TimeProvider _clock;
    private SqliteConnection? _writerConnection;
    private long _statements;

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

    public long StatementsExecuted => Interlocked.Read(ref _statements);

    public Task OrchestrationWorkSignal() => _orchestrationWork.Next;

    public Task ActivityWorkSignal() => _activityWork.Next;

    public Task InstanceChangeSignal() => _changes.Next;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        await WriteAsync(transaction =>
        {
            Execute(transaction, "CREATE TABLE IF NOT EXISTS schema_versions (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
            var applied = Convert.ToInt32(Scalar(transaction, "SELECT coalesce(max(version), 0) FROM schema_versions"), CultureInfo.InvariantCulture);
            foreach (var (version, sql) in SchemaScripts.For("Sqlite").Where(s => s.Version > applied))
            {
                Execute(transaction, sql);
                Execute(transaction, "INSERT INTO schema_versions (version, applied_at) VALUES ($v, $now)", ("$v", version), ("$now", Ms(Now)));
            }

            return true;
        }, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.WaitAsync();
        foreach (var command in _prepared.Values)
        {
            await command.DisposeAsync();
        }

        if (_writerConnection is not null)
        {
            await _writerConnection.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        _writer.Dispose();
    }

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    /// <summary>Runs <paramref name="work"/> in one IMMEDIATE transaction on the writer connection, the only writer of this process.</summary>
    private async Task<T> WriteAsync<T>(Func<SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            using var transaction = WriterConnection().BeginTransaction(deferred: false);
            var result = work(transaction);
            transaction.Commit();
            return result;
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Runs a read on the writer connection (no transaction), for the worker's frequent small questions.</summary>
    private async Task<T> ReadOnWriterAsync<T>(Func<T> read, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            WriterConnection();
            return read();
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>A question about the earliest future time (milliseconds) in a table, asked on the writer connection.</summary>
    private Task<DateTime?> NextDueAsync(string sql, CancellationToken cancellationToken) =>
        ReadOnWriterAsync(() => Scalar(null, sql, ("$now", Ms(Now))) is long ms ? FromMs(ms) : (DateTime?)null, cancellationToken);

    private SqliteConnection WriterConnection()
    {
        if (_writerConnection is null)
        {
            _writerConnection = new SqliteConnection(_connectionString);
            _writerConnection.Open();
            using var setup = _writerConnection.CreateCommand();
            setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
            setup.ExecuteNonQuery();
        }

        return _writerConnection;
    }

    /// <summary>A client's own pooled connection, for reads that need not wait for writers.</summary>
    private SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>A statement on the writer connection, prepared once and reused with new parameter values.</summary>
    private SqliteCommand Prepared(SqliteTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        Interlocked.Increment(ref _statements);
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = _writerConnection!.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = BusyTimeoutSeconds;
            _prepared.Add(sql, command);
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private int Execute(SqliteTransaction? transaction, string sql, params (string, object?)[] parameters) =>
        Prepared(transaction, sql, parameters).ExecuteNonQuery();

    private object? Scalar(SqliteTransaction? transaction, string sql, params (string, object?)[] parameters) =>
        Prepared(transaction, sql, parameters).ExecuteScalar() is var value && value is DBNull ? null : value;

    /// <summary>Reads every row of a statement on the writer connection.</summary>
    private List<T> Rows<T>(SqliteTransaction? transaction, string sql, Func<SqliteDataReader, T> row, params (string, object?)[] parameters)
    {
        using var reader = Prepared(transaction, sql, parameters).ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    private static long Ms(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    /// <summary>Visibility rounds up, so a timer is never taken before its time (and <c>CurrentUtcDateTime</c> after it is never earlier).</summary>
    private static long CeilingMs(DateTime utc) => Ms(utc) + (utc.Ticks % TimeSpan.TicksPerMillisecond == 0 ? 0 : 1);

    private static DateTime FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static string NewToken() => Guid.NewGuid().ToString("N");
}
