using Npgsql;

namespace ContinuousLoad.IntegrationTests.Servers;

/// <summary>The PostgreSQL started by tests/servers/postgres.sh (CLTEST_POSTGRES).</summary>
public sealed class PostgresServer : RealServer
{
    public const string Variable = "CLTEST_POSTGRES";
    private string? _connectionString;

    public string ConnectionString => Available(_connectionString);

    public override async ValueTask InitializeAsync()
    {
        var settings = ConnectionSettings.FromEnvironment(Variable, out var reason);
        UnavailableReason = reason;
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
            UnavailableReason = $"PostgreSQL at {builder.Host}:{builder.Port} is unreachable: {e.Message}";
        }
    }
}
