using ContinuousLoad.Durable.Sidecar;
using ContinuousLoad.Durable.Sqlite;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContinuousLoad.Durable.Hosting;

/// <summary>
/// Wires the durable runtime into a host: the configured DurableTask.Core backend behind the in-process
/// sidecar, and the Durable Task SDK's worker (running <paramref name="tasks"/>) and client talking to it.
/// The orchestrators and activities are plain SDK classes: under the Azure Functions host the same
/// classes run on Durable Functions instead, and none of this is used.
/// </summary>
public static class DurableRuntimeExtensions
{
    public static IServiceCollection AddDurableTaskRuntime(this IServiceCollection services, DurableRuntimeOptions options,
        Action<Microsoft.DurableTask.DurableTaskRegistry> tasks)
    {
        services.AddSingleton(provider =>
        {
            var loggers = provider.GetRequiredService<ILoggerFactory>();
            return new DurableSidecar(Backend(options, loggers), options.Backend.ToString(), options.RunsWork, loggers);
        });

        // Started before the worker (hosted services start in order), so the worker finds the sidecar listening.
        services.AddHostedService(provider => provider.GetRequiredService<DurableSidecar>());
        if (options.RunsWork)
        {
            services.AddDurableTaskWorker(worker =>
            {
                worker.AddTasks(tasks);
                worker.UseGrpc();
                worker.Configure(o =>
                {
                    o.Concurrency.MaximumConcurrentActivityWorkItems = options.MaxConcurrentActivities;
                    o.Concurrency.MaximumConcurrentOrchestrationWorkItems = options.MaxConcurrentOrchestrations;
                });
            });
            services.AddOptions<GrpcDurableTaskWorkerOptions>().Configure<DurableSidecar>((o, sidecar) => o.Channel = sidecar.Channel);
        }

        services.AddDurableTaskClient(client => client.UseGrpc());
        services.AddOptions<GrpcDurableTaskClientOptions>().Configure<DurableSidecar>((o, sidecar) => o.Channel = sidecar.Channel);
        return services;
    }

    private static IOrchestrationService Backend(DurableRuntimeOptions options, ILoggerFactory loggers) => options.Backend switch
    {
        DurableBackend.Sqlite => new SqliteOrchestrationService(new SqliteBackendOptions(options.SqlitePath)
        {
            LeaseDuration = options.LeaseDuration,
            MaxConcurrentActivities = options.MaxConcurrentActivities,
            MaxConcurrentOrchestrations = options.MaxConcurrentOrchestrations,
            MaxDeliveries = options.MaxDeliveries,
            MaxPollingInterval = options.SqlitePollingInterval,
        }, loggers),
        _ => new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(options.AzureStorageConnection
                ?? throw new InvalidOperationException("the Azure Storage backend needs a connection string")),
            TaskHubName = options.TaskHubName,
            ThrowExceptionOnInvalidDedupeStatus = true,
            // Each host its own worker: by default every process on one machine has the machine's name and
            // they would take each other for one owner of the partitions.
            WorkerId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}",
            // The app lease lets one app of several (blue/green) process a task hub; hosts here are one app.
            UseAppLease = false,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
            WorkItemQueueVisibilityTimeout = options.LeaseDuration,
            ControlQueueVisibilityTimeout = options.LeaseDuration,
            LeaseInterval = options.PartitionLeaseDuration,
            LeaseRenewInterval = options.PartitionLeaseRenewal,
            LeaseAcquireInterval = options.PartitionLeaseRenewal,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            LoggerFactory = loggers,
        }),
    };
}
