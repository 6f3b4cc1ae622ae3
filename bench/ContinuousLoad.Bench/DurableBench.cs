using System.Diagnostics;
using ContinuousLoad.Durable;
using ContinuousLoad.Durable.Client;
using ContinuousLoad.Durable.Stores;
using ContinuousLoad.Durable.Stores.Postgres;
using ContinuousLoad.Durable.Stores.Sqlite;
using ContinuousLoad.Durable.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContinuousLoad.Bench;

/// <summary>
/// The durable runtime's two numbers: activity round trips per second (instances × activities in a
/// chain) and the idle cost of eternal orchestrations waiting on a timer and an event (CPU of this
/// process, statements the store ran). Prints one JSON line.
/// </summary>
public static class DurableBench
{
    public static async Task<int> RoundTripsAsync(string kind, string target, int instances, int activities)
    {
        await using var store = await OpenAsync(kind, target);
        using var worker = await StartWorkerAsync(store);
        var client = new DurableTaskClient(store);
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
                throw new InvalidOperationException($"{id} ended {done.RuntimeStatus}: {done.FailureDetails}");
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        await worker.StopAsync(CancellationToken.None);
        Console.WriteLine($"{{\"store\":\"{kind}\",\"instances\":{instances},\"activities\":{instances * activities},\"seconds\":{seconds:0.00}," +
                          $"\"roundTripsPerSecond\":{instances * activities / seconds:0},\"statements\":{store.StatementsExecuted}}}");
        return 0;
    }

    public static async Task<int> IdleAsync(string kind, string target, int instances, int seconds)
    {
        await using var store = await OpenAsync(kind, target);
        using var worker = await StartWorkerAsync(store);
        var client = new DurableTaskClient(store);
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
        var statementsBefore = store.StatementsExecuted;
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds / clock.Elapsed.TotalSeconds * 100;
        var statements = (store.StatementsExecuted - statementsBefore) / clock.Elapsed.TotalSeconds;
        var running = 0;
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running], PageSize = 1000 }))
        {
            running++;
        }

        foreach (var id in ids)
        {
            await client.RaiseEventAsync(id, "stop");
        }

        await worker.StopAsync(CancellationToken.None);
        Console.WriteLine($"{{\"store\":\"{kind}\",\"instances\":{instances},\"running\":{running},\"seconds\":{seconds}," +
                          $"\"cpuPercentOfOneCore\":{cpu:0.00},\"statementsPerSecond\":{statements:0.0}}}");
        return 0;
    }

    private static async Task<IDurableStore> OpenAsync(string kind, string target)
    {
        IDurableStore store = kind == "sqlite" ? new SqliteDurableStore(target) : new PostgresDurableStore(target, "cl_durable_bench");
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    private static async Task<DurableTaskWorker> StartWorkerAsync(IDurableStore store)
    {
        var registry = new DurableTaskRegistry()
            .AddOrchestrator<ChainOrchestrator>(ChainOrchestrator.Name)
            .AddOrchestrator<IdleOrchestrator>(IdleOrchestrator.Name)
            .AddActivity<NoOpActivity>(NoOpActivity.Name);
        var worker = new DurableTaskWorker(store, registry, new ServiceCollection().BuildServiceProvider(), new DurableTaskWorkerOptions(),
            NullLoggerFactory.Instance);
        await worker.StartAsync(CancellationToken.None);
        return worker;
    }
}
