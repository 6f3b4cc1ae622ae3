using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ContinuousLoad.Durable.Sqlite;

/// <summary>
/// The backend's file (WAL). Writes go one at a time through an in-process gate on one long-lived
/// connection whose statements stay prepared, each in <c>BEGIN IMMEDIATE</c> (another process on the
/// same file waits on the busy timeout, never sees <c>SQLITE_BUSY</c>); clients read on pooled connections.
/// </summary>
internal sealed class SqliteDatabase : IAsyncDisposable
{
    private const int BusyTimeoutSeconds = 60;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);
    private SqliteConnection? _writer;
    private bool _disposed;

    public SqliteDatabase(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();
    }

    public string Path { get; }

    /// <summary>Runs <paramref name="work"/> in one IMMEDIATE transaction on the writer connection.</summary>
    public async Task<T> WriteAsync<T>(Func<Transaction, T> work, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var transaction = Writer().BeginTransaction(deferred: false);
            var result = work(new Transaction(this, transaction));
            transaction.Commit();
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs a read on a connection of its own, which never waits for the writer.</summary>
    public async Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken = default)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return read(connection);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await _gate.WaitAsync();
        _disposed = true;
        foreach (var command in _prepared.Values)
        {
            await command.DisposeAsync();
        }

        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        _gate.Dispose();
    }

    private SqliteConnection Writer()
    {
        if (_writer is null)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
            _writer = new SqliteConnection(_connectionString);
            _writer.Open();
            using var setup = _writer.CreateCommand();
            setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
            setup.ExecuteNonQuery();
        }

        return _writer;
    }

    private SqliteCommand Prepared(SqliteTransaction transaction, string sql, (string Name, object? Value)[] parameters)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = _writer!.CreateCommand();
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

    /// <summary>One write transaction: statements prepared once on the writer connection and reused.</summary>
    public readonly struct Transaction(SqliteDatabase database, SqliteTransaction transaction)
    {
        public int Execute(string sql, params (string, object?)[] parameters) => database.Prepared(transaction, sql, parameters).ExecuteNonQuery();

        public object? Scalar(string sql, params (string, object?)[] parameters) =>
            database.Prepared(transaction, sql, parameters).ExecuteScalar() is var value && value is DBNull ? null : value;

        public long? Long(string sql, params (string, object?)[] parameters) =>
            Scalar(sql, parameters) is { } value ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : null;

        public List<T> Rows<T>(string sql, Func<SqliteDataReader, T> row, params (string, object?)[] parameters)
        {
            using var reader = database.Prepared(transaction, sql, parameters).ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(row(reader));
            }

            return rows;
        }
    }
}
