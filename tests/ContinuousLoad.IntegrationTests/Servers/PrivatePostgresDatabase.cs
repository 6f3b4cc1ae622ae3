using Npgsql;

namespace ContinuousLoad.IntegrationTests.Servers;

/// <summary>
/// A database of its own on the shared PostgreSQL, dropped before and after: for tests whose store acts on
/// its whole catalog (label sweeps, format upgrades, a job's durable state) and must not touch another test's.
/// </summary>
public sealed class PrivatePostgresDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;
    private readonly string _name;

    private PrivatePostgresDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    public string ConnectionString { get; }

    /// <param name="name">A plain identifier (<see cref="ContinuousLoad.Testing.TestNames"/> makes one from the test's name).</param>
    public static async Task<PrivatePostgresDatabase> CreateAsync(PostgresServer server, string name, CancellationToken cancellationToken)
    {
        var database = new PrivatePostgresDatabase(server.ConnectionString, name);
        await database.ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", cancellationToken);
        await database.ExecuteAsync($"CREATE DATABASE {name}", cancellationToken);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteAsync($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", CancellationToken.None);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
