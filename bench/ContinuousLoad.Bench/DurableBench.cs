using System.Diagnostics;
using ContinuousLoad.Durable.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ContinuousLoad.Bench;

/// <summary>
/// The durable runtime's two numbers, on the service's own stack (SDK worker and client, the in-process
/// sidecar, the backend): activity round trips per second (instances × activities in a chain) and the idle
/// cost of eternal orchestrations waiting on a timer and an event (CPU of this process). Prints one JSON line.
/// </summary>
public static class DurableBench
{
    private const string TaskHub = "durablebench";

    public static async Task<int> RoundTripsAsync(string backend, string target, int instances, int activities)
    {
        using var host = await StartAsync(backend, target);
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var clock = Stopwatch.StartNew();
        var ids = new List<string>();
        for (var i = 0; i < instances; i++)
        {
            ids.Add(await client.ScheduleNewOrchestrationInstanceAsync(ChainOrchestrator.Name, activities));
        }

        foreach (var id in ids)
        {
            var done = await client.WaitForInstanceCompletionAsync(id);
            if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                throw new InvalidOperationException($"{id} ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        await host.StopAsync();
        Console.WriteLine($"{{\"backend\":\"{backend}\",\"instances\":{instances},\"activities\":{instances * activities},\"seconds\":{seconds:0.00}," +
                          $"\"roundTripsPerSecond\":{instances * activities / seconds:0}}}");
        return 0;
    }

    public static async Task<int> IdleAsync(string backend, string target, int instances, int seconds)
    {
        using var host = await StartAsync(backend, target);
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var ids = new List<string>();
        for (var i = 0; i < instances; i++)
        {
            ids.Add(await client.ScheduleNewOrchestrationInstanceAsync(IdleOrchestrator.Name, 0));
        }

        // Let every instance start and settle into its wait, then measure a quiet stretch.
        foreach (var id in ids)
        {
            await client.WaitForInstanceStartAsync(id);
        }

        await Task.Delay(TimeSpan.FromSeconds(15));
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var cpu = cpuSeconds / clock.Elapsed.TotalSeconds * 100;
        // Each instance wakes once per 10 s timer: what one wake-up (a turn and a continue-as-new) costs.
        var wakeUps = instances * clock.Elapsed.TotalSeconds / IdleOrchestrator.TimerSeconds;
        var running = 0;
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running], PageSize = 1000 }))
        {
            running++;
        }

        foreach (var id in ids)
        {
            await client.RaiseEventAsync(id, "stop");
        }

        await host.StopAsync();
        Console.WriteLine($"{{\"backend\":\"{backend}\",\"instances\":{instances},\"running\":{running},\"seconds\":{seconds},\"cpuPercentOfOneCore\":{cpu:0.00}," +
                          $"\"cpuMillisecondsPerWakeUp\":{cpuSeconds * 1000 / wakeUps:0.00}}}");
        return 0;
    }

    /// <summary>Removes the bench's Azure Storage task hub (a fresh one for each measurement).</summary>
    public static async Task<int> DropHubAsync(string connection)
    {
        using var service = new DurableTask.AzureStorage.AzureStorageOrchestrationService(new DurableTask.AzureStorage.AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new DurableTask.AzureStorage.StorageAccountClientProvider(connection),
            TaskHubName = TaskHub,
        });
        await service.DeleteAsync();
        return 0;
    }

    /// <summary>A host as the service runs one: the sidecar over the backend, the SDK's worker and client.</summary>
    private static async Task<IHost> StartAsync(string backend, string target)
    {
        var options = backend == "sqlite"
            ? new DurableRuntimeOptions(DurableBackend.Sqlite, target)
            : new DurableRuntimeOptions(DurableBackend.AzureStorage, "", target) { TaskHubName = TaskHub };
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDurableTaskRuntime(options, tasks => tasks
            .AddOrchestrator<ChainOrchestrator>()
            .AddOrchestrator<IdleOrchestrator>()
            .AddActivity<NoOpActivity>());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
