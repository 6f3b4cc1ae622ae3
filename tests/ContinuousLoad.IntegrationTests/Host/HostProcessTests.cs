using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Host;

public sealed class HostProcessTests
{
    [Fact(Timeout = 60_000)]
    public async Task Serves_health_within_10_seconds_from_an_empty_directory_creating_dot_data()
    {
        using var directory = new TemporaryDirectory();
        var clock = Stopwatch.StartNew();
        await using var host = HostProcess.Start(directory.Path);

        Assert.True(await host.WaitHealthyAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken), host.Output);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.True(Directory.Exists(directory.Combine(".data")));
        Assert.Contains($"ContinuousLoad serving on {host.Url}", host.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Refuses_to_listen_beyond_loopback_while_root_has_no_password()
    {
        using var directory = new TemporaryDirectory();
        await using var host = HostProcess.Start(directory.Path, $"http://0.0.0.0:{HostProcess.FreeLoopbackPort()}");

        await host.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, host.ExitCode);
        Assert.Contains("ContinuousLoad cannot start: refusing to listen on http://0.0.0.0:", host.Output, StringComparison.Ordinal);
        Assert.Contains("'root' have an empty password", host.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Says_clearly_when_the_port_is_taken()
    {
        using var directory = new TemporaryDirectory();
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)squatter.LocalEndpoint).Port}";
        await using var host = HostProcess.Start(directory.Path, url);

        await host.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, host.ExitCode);
        Assert.Contains("ContinuousLoad cannot start:", host.Output, StringComparison.Ordinal);
        Assert.Contains("ContinuousLoad__ListenUrl", host.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Says_clearly_when_a_setting_is_invalid()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("local.settings.json", """{ "Values": { "ContinuousLoad__Tables__Store": "oracle" } }""");
        directory.Write("host.json", "{}");
        await using var host = HostProcess.Start(directory.Path);

        await host.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, host.ExitCode);
        Assert.Contains("ContinuousLoad:Tables:Store must be 'sqlite' or 'postgres', not 'oracle'", host.Output, StringComparison.Ordinal);
    }
}
