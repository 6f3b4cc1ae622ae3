using System.Globalization;
using ContinuousLoad.Durable.Hosting;
using ContinuousLoad.Durable.Sqlite;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Testing;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;

namespace ContinuousLoad.IntegrationTests.Durable;

/// <summary>
/// A durable backend private to the test — a SQLite file in a scratch folder, or an Azure Storage task
/// hub on Azurite named after the test (deleted afterwards) — and hosts running the durable runtime on it
/// as the service does: the sidecar over the backend, the SDK's worker and client.
/// </summary>
public sealed class DurableHarness : IAsyncDisposable
{
    public static readonly TheoryData<string> Backends = ["sqlite", "azurestorage"];

    private readonly List<IHost> _hosts = [];
    private readonly TemporaryDirectory _directory = new();
    private readonly WarningLog _warnings = new();

    private DurableHarness(DurableRuntimeOptions options) => Options = options;

    /// <summary>The runtime's settings for this test's backend: short leases and polling, so takeovers happen in seconds.</summary>
    public DurableRuntimeOptions Options { get; }

    /// <summary>The client of the first host.</summary>
    public DurableTaskClient Client => _hosts[0].Services.GetRequiredService<DurableTaskClient>();

    public static TimeSpan Patience => TimeSpan.FromSeconds(90);

    /// <summary>Every warning and error the hosts of this harness have logged, as "category: message".</summary>
    public IReadOnlyList<string> Warnings => _warnings.Entries;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static Task<DurableHarness> CreateAsync(string backend, AzuriteServer azurite)
    {
        var harness = backend == "sqlite"
            ? new DurableHarness(new DurableRuntimeOptions(DurableBackend.Sqlite, ""))
            : new DurableHarness(new DurableRuntimeOptions(DurableBackend.AzureStorage, "", azurite.ConnectionString)
            {
                TaskHubName = AzuriteServer.NewTaskHubName(),
                PartitionLeaseDuration = TimeSpan.FromSeconds(4),
                PartitionLeaseRenewal = TimeSpan.FromSeconds(1),
                MaxQueuePollingInterval = TimeSpan.FromSeconds(1),
            });
        return Task.FromResult(harness);
    }

    /// <summary>The runtime settings with this harness's SQLite file.</summary>
    private DurableRuntimeOptions Settings(Func<DurableRuntimeOptions, DurableRuntimeOptions>? adjust) =>
        (adjust ?? (o => o))(Options with { SqlitePath = _directory.Combine("durable.db") });

    /// <summary>Starts a host (sidecar, worker, client) on the backend, running <paramref name="tasks"/>.</summary>
    public async Task<IHost> StartHostAsync(Action<DurableTaskRegistry> tasks, Func<DurableRuntimeOptions, DurableRuntimeOptions>? adjust = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddProvider(_warnings);
        builder.Services.AddDurableTaskRuntime(Settings(adjust), tasks);
        var host = builder.Build();
        await host.StartAsync(Token);
        _hosts.Add(host);
        return host;
    }

    public async Task StopHostAsync(IHost host)
    {
        _hosts.Remove(host);
        await host.StopAsync(CancellationToken.None);
        host.Dispose();
    }

    public async Task<OrchestrationMetadata> CompletionAsync(string instanceId)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(Patience);
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>Runs an orchestrator to its end and returns the finished instance.</summary>
    public async Task<OrchestrationMetadata> RunAsync(TaskName name, object? input = null, string? instanceId = null) =>
        await CompletionAsync(await Client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions(instanceId), Token));

    /// <summary>Polls until the instance's custom status satisfies <paramref name="done"/>; fails if the instance ends first.</summary>
    public async Task WaitForCustomStatusAsync(string instanceId, Func<string?, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var instance = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, Token);
            if (done(instance?.SerializedCustomStatus))
            {
                return;
            }

            Assert.True(instance is null || !instance.IsCompleted, $"{instanceId} ended: {instance?.RuntimeStatus} {instance?.FailureDetails?.ErrorMessage}");
            Assert.True(DateTime.UtcNow < deadline, $"{instanceId} never reached the custom status");
            await Task.Delay(TimeSpan.FromMilliseconds(50), Token);
        }
    }

    public async Task WaitForStatusAsync(string instanceId, OrchestrationRuntimeStatus status)
    {
        var deadline = DateTime.UtcNow + Patience;
        while ((await Client.GetInstanceAsync(instanceId, cancellation: Token))?.RuntimeStatus != status)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{instanceId} never reached {status}");
            await Task.Delay(50, Token);
        }
    }

    /// <summary>The SQLite backend on this harness's file, used directly — as another worker process would.</summary>
    public async Task<SqliteOrchestrationService> OpenSqliteBackendAsync(TimeSpan lease, int maxDeliveries = 10)
    {
        var backend = new SqliteOrchestrationService(new SqliteBackendOptions(Settings(null).SqlitePath)
        {
            LeaseDuration = lease,
            MaxDeliveries = maxDeliveries,
        }, NullLoggerFactory.Instance);
        await backend.CreateIfNotExistsAsync();
        return backend;
    }

    /// <summary>The stored history of an instance's current execution, read from the backend's storage.</summary>
    public async Task<List<HistoryEvent>> HistoryAsync(string instanceId)
    {
        var (client, dispose) = OpenClient();
        try
        {
            // Each backend writes the events its own way (with or without type names); the event type tells them apart.
            var events = JArray.Parse(await client.GetOrchestrationHistoryAsync(instanceId, null!));
            return [.. events.Cast<JObject>().Select(e =>
            {
                var type = typeof(HistoryEvent).Assembly.GetType($"{typeof(HistoryEvent).Namespace}.{(EventType)e.Value<int>("EventType")}Event", throwOnError: true)!;
                e.Remove("$type");
                return (HistoryEvent)e.ToObject(type)!;
            })];
        }
        finally
        {
            await dispose();
        }
    }

    /// <summary>How a worker process (tests/ContinuousLoad.DurableWorker) reaches this backend.</summary>
    public string[] WorkerArguments(TimeSpan lease)
    {
        var options = Settings(null);
        return options.Backend == DurableBackend.Sqlite
            ? ["sqlite", options.SqlitePath, Seconds(lease)]
            : ["azurestorage", options.AzureStorageConnection!, options.TaskHubName, Seconds(lease)];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync(CancellationToken.None);
            host.Dispose();
        }

        if (Options.Backend == DurableBackend.AzureStorage)
        {
            var (client, dispose) = OpenClient();
            await ((IOrchestrationService)client).DeleteAsync();
            await dispose();
        }


        _directory.Dispose();
    }

    private (IOrchestrationServiceClient Client, Func<ValueTask> Dispose) OpenClient()
    {
        var options = Settings(null);
        if (options.Backend == DurableBackend.Sqlite)
        {
            var sqlite = new SqliteOrchestrationService(new SqliteBackendOptions(options.SqlitePath), NullLoggerFactory.Instance);
            return (sqlite, sqlite.DisposeAsync);
        }

        var azure = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(options.AzureStorageConnection!),
            TaskHubName = options.TaskHubName,
        });
        return (azure, () =>
        {
            azure.Dispose();
            return ValueTask.CompletedTask;
        });
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString(CultureInfo.InvariantCulture);
}
