using System.Diagnostics;
using System.Globalization;

namespace ContinuousLoad.IntegrationTests.Servers;

/// <summary>
/// A PostgreSQL of a test's own (tests/servers/postgres.sh on its own port and folder), for tests that
/// restart the server or need other settings (wal_level, max_replication_slots): the shared one must stay
/// up, unchanged, for every other test. Restarted, it comes back on the same port with its data.
/// </summary>
public sealed class PrivatePostgresServer : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "continuousload-pg-" + Guid.NewGuid().ToString("N"));
    private readonly int _port = Host.HostProcess.FreeLoopbackPort();
    private readonly string _options;
    private bool _started;

    private PrivatePostgresServer(string options) => _options = options;

    public string ConnectionString => $"Host=127.0.0.1;Port={_port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres;Timeout=10";

    /// <summary>Starts a fresh server; <paramref name="options"/> are server options after ours (e.g. "-c wal_level=replica").</summary>
    public static async Task<PrivatePostgresServer> StartAsync(string options, CancellationToken cancellationToken)
    {
        // The shared server's presence says whether this machine has PostgreSQL at all (skip locally, fail under CI).
        ContinuousLoad.Testing.ServerRequirement.Ensure(
            Environment.GetEnvironmentVariable(PostgresServer.Variable) is null ? $"{PostgresServer.Variable} is not set (tests/servers/postgres.sh start)" : null);
        var server = new PrivatePostgresServer(options);
        await server.RunAsync("start", cancellationToken);
        server._started = true;
        return server;
    }

    public Task RestartAsync(CancellationToken cancellationToken) => RunAsync("restart", cancellationToken);

    /// <summary>Puts <paramref name="lines"/> first in pg_hba.conf (the first matching line decides) and reloads.</summary>
    public async Task PrependHostBasedAuthenticationAsync(string lines, CancellationToken cancellationToken)
    {
        var file = Path.Combine(_folder, "data", "pg_hba.conf");
        await File.WriteAllTextAsync(file, lines + "\n" + await File.ReadAllTextAsync(file, cancellationToken), cancellationToken);
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var reload = new Npgsql.NpgsqlCommand("SELECT pg_reload_conf()", connection);
        await reload.ExecuteScalarAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await RunAsync("stop", CancellationToken.None);
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private async Task RunAsync(string command, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "tests", "servers", "postgres.sh"));
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(_folder);
        start.Environment["CLTEST_POSTGRES_PORT"] = _port.ToString(CultureInfo.InvariantCulture);
        start.Environment["CLTEST_POSTGRES_OPTIONS"] = _options;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("postgres.sh did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tests/servers/postgres.sh {command} failed: {await output}{await errors}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "tests", "servers", "postgres.sh")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("tests/servers/postgres.sh not found above " + AppContext.BaseDirectory);
    }
}
