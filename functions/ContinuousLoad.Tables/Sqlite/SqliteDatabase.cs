using System.Globalization;
using ContinuousLoad.Tables.Catalog;
using Microsoft.Data.Sqlite;

namespace ContinuousLoad.Tables.Sqlite;

/// <summary>
/// One database: a SQLite file in WAL mode with a single writer connection behind an async gate
/// (writers queue in-process; other processes wait on the busy timeout) and read-only readers.
/// </summary>
internal sealed class SqliteDatabase(string name, string path) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _writer;

    public string Name { get; } = name;

    public string Path { get; } = path;

    /// <summary>Creates the file with the store's tables.</summary>
    public static SqliteDatabase Create(string name, string path)
    {
        using (var connection = SqliteConnections.OpenWriter(path, create: true))
        {
            SqliteStoreSchema.Upgrade(connection);
        }

        return new SqliteDatabase(name, path);
    }

    /// <summary>Waits for the writer connection; dispose the lease to release it.</summary>
    public async Task<WriterLease> AcquireWriterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_writer is null)
            {
                _writer = SqliteConnections.OpenWriter(Path, create: false);
                SqliteStoreSchema.Upgrade(_writer);
            }

            return new WriterLease(this, _writer);
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    public SqliteConnection OpenReader() => SqliteConnections.OpenReader(Path);

    /// <summary>
    /// Upgrades the file's store tables now if no writer has yet (readers never upgrade), for reads of
    /// tables a newer format added.
    /// </summary>
    public async Task EnsureCurrentFormatAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _writer) is null)
        {
            using var lease = await AcquireWriterAsync(cancellationToken);
        }
    }

    public TableSchema? FindTable(SqliteConnection connection, string table, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT ddl, version FROM __cl_tables WHERE name = $name";
        command.Parameters.AddWithValue("$name", table);
        using var reader = command.ExecuteReader();
        return reader.Read() ? TableDdl.Parse(reader.GetString(0), Name, reader.GetInt32(1)) : null;
    }

    public List<string> TableNames(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT name FROM __cl_tables ORDER BY name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    public static void SaveTable(SqliteConnection connection, SqliteTransaction transaction, TableSchema table)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR REPLACE INTO __cl_tables (name, ddl, version) VALUES ($name, $ddl, $version)";
        command.Parameters.AddWithValue("$name", table.Name);
        command.Parameters.AddWithValue("$ddl", TableDdl.Write(table));
        command.Parameters.AddWithValue("$version", table.Version);
        command.ExecuteNonQuery();
    }

    /// <summary>Adds <paramref name="count"/> to a named counter and returns its value before.</summary>
    public static long Reserve(SqliteConnection connection, SqliteTransaction? transaction, string key, long count, long start = 1)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO __cl_meta (key, value) VALUES ($key, $start + $count)
            ON CONFLICT (key) DO UPDATE SET value = value + $count
            RETURNING value - $count
            """;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$count", count);
        command.Parameters.AddWithValue("$start", start);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Closes the writer once no transaction holds it (before the file is deleted).</summary>
    public async ValueTask CloseAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _writer?.Dispose();
            _writer = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        _gate.Dispose();
    }

    /// <summary>Exclusive use of the writer connection until disposed.</summary>
    public sealed class WriterLease(SqliteDatabase database, SqliteConnection connection) : IDisposable
    {
        private bool _released;

        public SqliteConnection Connection { get; } = connection;

        public SqliteDatabase Database { get; } = database;

        public void Dispose()
        {
            if (!_released)
            {
                _released = true;
                Database._gate.Release();
            }
        }
    }
}
