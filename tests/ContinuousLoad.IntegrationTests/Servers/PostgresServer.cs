using ContinuousLoad.Testing;
using Npgsql;

namespace ContinuousLoad.IntegrationTests.Servers;

/// <summary>The PostgreSQL started by tests/servers/postgres.sh (CLTEST_POSTGRES), probed once per run.</summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string Variable = "CLTEST_POSTGRES";
    private string? _connectionString;
    private string? _unavailableReason;

    /// <summary>The connection string; skips the test (or fails it under CI) when the server is missing.</summary>
    public string ConnectionString
    {
        get
        {
            ServerRequirement.Ensure(_unavailableReason);
            return _connectionString!;
        }
    }

    public async ValueTask InitializeAsync()
    {
        var settings = ConnectionSettings.FromEnvironment(Variable, out _unavailableReason);
        if (settings is null)
        {
            return;
        }

        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Timeout = 5 };
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            _connectionString = settings.ConnectionString;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            _unavailableReason = $"PostgreSQL at {builder.Host}:{builder.Port} is unreachable: {e.Message}";
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
