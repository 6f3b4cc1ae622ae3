using ContinuousLoad.Durable;
using ContinuousLoad.Durable.Client;
using ContinuousLoad.Durable.Stores;
using ContinuousLoad.Durable.Stores.Postgres;
using ContinuousLoad.Durable.Stores.Sqlite;
using ContinuousLoad.Durable.Worker;
using ContinuousLoad.Functions.Configuration;
using ContinuousLoad.Functions.Tables;
using ContinuousLoad.Jobs.Activities;
using ContinuousLoad.Jobs.Orchestration;
using ContinuousLoad.Jobs.Statements;
using ContinuousLoad.Jobs.Views;
using ContinuousLoad.Sources.S3;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Functions.Jobs;

/// <summary>Wires streaming jobs into the host: the durable store and worker, the job orchestration and activities, statements and views.</summary>
public static class JobServices
{
    public static void AddStreamingJobs(this IServiceCollection services, IConfiguration configuration, ContinuousLoadSettings settings)
    {
        services.AddSingleton(JobHostSettings.ReadJobs(configuration, settings.TimeZone));
        services.AddSingleton<IDurableStore>(_ => settings.Durable.Kind == StoreKind.Postgres
            ? new PostgresDurableStore(settings.Durable.ConnectionString!)
            : new SqliteDurableStore(Path.Combine(settings.DataDirectory, "durable.db")));
        services.AddSingleton<S3ClientCache>();
        services.AddSingleton<ITableStoreSource>(provider => provider.GetRequiredService<TableStoreProvider>());
        services.AddSingleton(new DurableTaskRegistry()
            .AddOrchestrator<StreamingJobOrchestrator>()
            .AddActivity<PlanS3BatchActivity>()
            .AddActivity<LoadS3BatchActivity>());
        services.AddSingleton(provider => new DurableTaskWorker(provider.GetRequiredService<IDurableStore>(), provider.GetRequiredService<DurableTaskRegistry>(),
            provider, JobHostSettings.ReadWorker(configuration), provider.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(provider => new DurableTaskClient(provider.GetRequiredService<IDurableStore>()));
        services.AddSingleton<JobDirectory>();
        services.AddSingleton<JobStatements>();
        services.AddSingleton(provider => new JobViews(provider.GetRequiredService<JobDirectory>(), provider.GetRequiredService<TimeProvider>(),
            log => $"{settings.ListenAddress.Url}/api/_load_error_log?file={Uri.EscapeDataString(log)}"));
        services.AddHostedService<DurableRuntimeService>();
    }
}
