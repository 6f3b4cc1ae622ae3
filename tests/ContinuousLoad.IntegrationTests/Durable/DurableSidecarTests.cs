using System.Net.Sockets;
using ContinuousLoad.Durable.Sidecar;
using ContinuousLoad.IntegrationTests.Servers;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ContinuousLoad.IntegrationTests.Durable;

/// <summary>The in-process sidecar is reachable from this machine's processes of the same user, and from nowhere else.</summary>
public sealed class DurableSidecarTests(AzuriteServer azurite)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_sidecar_listens_on_an_owner_only_unix_socket_and_on_no_network_address()
    {
        await using var harness = await DurableHarness.CreateAsync("sqlite", azurite);
        var host = await harness.StartHostAsync(tasks => tasks.AddOrchestratorFunc<string, string>("Echo", (_, input) => Task.FromResult(input)));
        var sidecar = host.Services.GetRequiredService<DurableSidecar>();

        var done = await harness.RunAsync("Echo", "through the socket");

        Assert.Equal("through the socket", done.ReadOutputAs<string>());
        Assert.Equal([$"http://unix:{sidecar.SocketPath}"], sidecar.Addresses);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(sidecar.SocketPath));
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(sidecar.SocketPath), Token);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_stopped_host_removes_its_socket()
    {
        await using var harness = await DurableHarness.CreateAsync("sqlite", azurite);
        var host = await harness.StartHostAsync(_ => { });
        var socketPath = host.Services.GetRequiredService<DurableSidecar>().SocketPath;
        Assert.True(File.Exists(socketPath));

        await harness.StopHostAsync(host);

        Assert.False(File.Exists(socketPath));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_management_host_serves_the_client_and_leaves_the_work_to_the_others()
    {
        await using var harness = await DurableHarness.CreateAsync("sqlite", azurite);
        var manager = await harness.StartHostAsync(_ => { }, o => o with { RunsWork = false });
        var client = manager.Services.GetRequiredService<DurableTaskClient>();

        var id = await client.ScheduleNewOrchestrationInstanceAsync("Echo", "later", Token);
        await Task.Delay(TimeSpan.FromSeconds(1), Token);
        var waiting = await client.GetInstanceAsync(id, cancellation: Token);
        await harness.StartHostAsync(tasks => tasks.AddOrchestratorFunc<string, string>("Echo", (_, input) => Task.FromResult(input)));
        var done = await harness.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Pending, waiting!.RuntimeStatus);
        Assert.Equal("later", done.ReadOutputAs<string>());
    }

    /// <summary>Work items that complete at once stop their lease renewal cleanly: nothing is logged as failed.</summary>
    [Fact(Timeout = 120_000)]
    public async Task Quick_work_items_end_their_lease_renewal_without_a_warning()
    {
        await using var harness = await DurableHarness.CreateAsync("sqlite", azurite);
        await harness.StartHostAsync(tasks => tasks
            .AddActivityFunc<int, int>("Next", (_, n) => n + 1)
            .AddOrchestratorFunc<int, int>("Chain", async (context, n) =>
            {
                for (var i = 0; i < 5; i++)
                {
                    n = await context.CallActivityAsync<int>("Next", n);
                }

                return n;
            }));

        var ids = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            harness.Client.ScheduleNewOrchestrationInstanceAsync("Chain", i, Token)));
        foreach (var id in ids)
        {
            Assert.Equal(OrchestrationRuntimeStatus.Completed, (await harness.CompletionAsync(id)).RuntimeStatus);
        }

        Assert.Empty(harness.Warnings);
    }

    /// <summary>A killed host cannot remove its socket; the next sidecar to start removes the sockets of processes that have ended.</summary>
    [Fact(Timeout = 60_000)]
    public async Task A_starting_sidecar_removes_the_sockets_of_ended_processes()
    {
        using var ended = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true"))!;
        await ended.WaitForExitAsync(Token);
        var stale = Path.Combine(Path.GetTempPath(), $"continuousload-{ended.Id}-0123456789ab.sock");
        var live = Path.Combine(Path.GetTempPath(), $"continuousload-{Environment.ProcessId}-0123456789ab.sock");
        await File.WriteAllTextAsync(stale, "", Token);
        await File.WriteAllTextAsync(live, "", Token);
        try
        {
            await using var harness = await DurableHarness.CreateAsync("sqlite", azurite);
            await harness.StartHostAsync(_ => { });

            Assert.False(File.Exists(stale));
            Assert.True(File.Exists(live));
        }
        finally
        {
            File.Delete(stale);
            File.Delete(live);
        }
    }

    /// <summary>
    /// A sidecar stopped before any worker connected never started its backend: stopping it does nothing
    /// (Azure Storage's own stop throws when it never started, and the dispatcher host calls it from an
    /// async void callback, where that would end the process).
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task A_backend_that_never_started_is_not_stopped()
    {
        var taskHub = AzuriteServer.NewTaskHubName();
        using var azure = new DurableTask.AzureStorage.AzureStorageOrchestrationService(new DurableTask.AzureStorage.AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new DurableTask.AzureStorage.StorageAccountClientProvider(azurite.ConnectionString),
            TaskHubName = taskHub,
        });
        var backend = new SidecarBackend(azure, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        await backend.StopAsync();
        await backend.StopAsync(isForced: false);

        Assert.False(backend.Started);
    }
}
