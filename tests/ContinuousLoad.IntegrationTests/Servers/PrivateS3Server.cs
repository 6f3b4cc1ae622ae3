using System.Diagnostics;

namespace ContinuousLoad.IntegrationTests.Servers;

/// <summary>
/// An s3rver of a test's own (tests/servers/s3.sh on its own port and folder), for tests that stop the
/// object store: the shared one must stay up for every other test. Stopped and started on the same
/// port and data, it comes back with its objects.
/// </summary>
public sealed class PrivateS3Server : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "continuousload-s3-" + Guid.NewGuid().ToString("N"));
    private readonly int _port = Host.HostProcess.FreeLoopbackPort();

    public string Endpoint => $"http://127.0.0.1:{_port}";

    public string TvfParameters =>
        $"\"s3.endpoint\" = \"{Endpoint}\", \"s3.region\" = \"us-east-1\", \"s3.access_key\" = \"S3RVER\", \"s3.secret_key\" = \"S3RVER\", \"use_path_style\" = \"true\"";

    public Task StartAsync(CancellationToken cancellationToken) => RunAsync("start", cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => RunAsync("stop", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        Directory.Delete(_folder, recursive: true);
    }

    private async Task RunAsync(string command, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "tests", "servers", "s3.sh"));
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(_folder);
        start.Environment["CLTEST_S3_PORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("s3.sh did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tests/servers/s3.sh {command} failed: {await output}{await errors}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "tests", "servers", "s3.sh")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("tests/servers/s3.sh not found above " + AppContext.BaseDirectory);
    }
}
