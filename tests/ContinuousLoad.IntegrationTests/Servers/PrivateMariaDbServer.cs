using System.Diagnostics;
using System.Globalization;

namespace ContinuousLoad.IntegrationTests.Servers;

/// <summary>
/// A MariaDB of a test's own (tests/servers/mariadb.sh in its own folder and port), for tests that
/// restart the server, purge its binlogs or change global settings: the shared one must stay as every
/// other test expects it. Restarted, it keeps its data, binlogs and port. Skips (or fails under CI) like
/// the shared server when MariaDB is not installed.
/// </summary>
public sealed class PrivateMariaDbServer : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "continuousload-mariadb-" + Guid.NewGuid().ToString("N"));

    private PrivateMariaDbServer()
    {
    }

    public MariaDbAccount Admin { get; private set; } = null!;

    public MariaDbAccount Replication { get; private set; } = null!;

    public static async Task<PrivateMariaDbServer> StartAsync(CancellationToken cancellationToken)
    {
        ContinuousLoad.Testing.ServerRequirement.Ensure(File.Exists("/usr/sbin/mariadbd") || FindOnPath("mariadbd") ? null : "mariadbd is not installed (apt-get install mariadb-server)");
        var server = new PrivateMariaDbServer();
        var port = Host.HostProcess.FreeLoopbackPort();
        await server.RunAsync("start", port, cancellationToken);
        server.Admin = new MariaDbAccount("127.0.0.1", port, "cltest", "cltest");
        server.Replication = new MariaDbAccount("127.0.0.1", port, "clrepl", "clrepl");
        return server;
    }

    /// <summary>Stops the server (clean shutdown) and starts it again on the same data and port.</summary>
    public Task RestartAsync(CancellationToken cancellationToken) => RunAsync("restart", null, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await RunAsync("stop", null, CancellationToken.None);
        Directory.Delete(_folder, recursive: true);
    }

    private async Task RunAsync(string command, int? port, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "tests", "servers", "mariadb.sh"));
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(_folder);
        if (port is { } value)
        {
            start.Environment["CLTEST_MARIADB_PORT"] = value.ToString(CultureInfo.InvariantCulture);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("mariadb.sh did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tests/servers/mariadb.sh {command} failed: {await output}{await errors}");
        }
    }

    private static bool FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(directory => File.Exists(Path.Combine(directory, name)));

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "tests", "servers", "mariadb.sh")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("tests/servers/mariadb.sh not found above " + AppContext.BaseDirectory);
    }
}
