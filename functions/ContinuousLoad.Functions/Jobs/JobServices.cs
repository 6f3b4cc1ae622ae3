using ContinuousLoad.Durable.Hosting;
using ContinuousLoad.Functions.Configuration;
using ContinuousLoad.Functions.Tables;
using ContinuousLoad.Jobs.Activities;
using ContinuousLoad.Jobs.Orchestration;
using ContinuousLoad.Jobs.Secrets;
using ContinuousLoad.Jobs.Sources;
using ContinuousLoad.Jobs.Sources.Cdc;
using ContinuousLoad.Jobs.Sources.Mirror;
using ContinuousLoad.Jobs.Statements;
using ContinuousLoad.Jobs.Views;
using ContinuousLoad.Sources.S3;
using ContinuousLoad.Tables.Storage;
using Microsoft.DurableTask.Client;

namespace ContinuousLoad.Functions.Jobs;

/// <summary>
/// Wires streaming jobs into a host: the sources jobs read, sealed secrets, statements and views (both hosts), and on the
/// standalone host the durable runtime (sidecar, backend, the SDK's worker and client) running the job orchestration and
/// its activities — which the Functions host runs as Durable Functions instead (<see cref="JobFunctions"/>).
/// </summary>
public static class JobServices
{
    /// <param name="errorLogBaseUrl">Where the app is reached, for the ErrorURL of a task's filtered rows.</param>
    public static void AddStreamingJobs(this IServiceCollection services, IConfiguration configuration, ContinuousLoadSettings settings, string errorLogBaseUrl)
    {
        services.AddSingleton(JobHostSettings.ReadJobs(configuration, settings.TimeZone));
        services.AddSingleton(new JobSecrets(JobHostSettings.ReadSecretKey(configuration, settings)));
        services.AddSingleton<S3ClientCache>();
        services.AddSingleton<ITableStoreSource>(provider => provider.GetRequiredService<TableStoreProvider>());
        services.AddSingleton<IJobSource, S3ObjectSource>();
        services.AddSingleton<IJobSource, PostgresJobSource>();
        services.AddSingleton<IJobSource, MySqlJobSource>();
        services.AddSingleton<JobSources>();
        services.AddSingleton<UnpropagatedChangeWatch>();
        services.AddSingleton<JobDirectory>();
        services.AddSingleton<JobStatements>();
        services.AddSingleton(provider => new JobViews(provider.GetRequiredService<JobDirectory>(), provider.GetRequiredService<TimeProvider>(),
            log => $"{errorLogBaseUrl}/api/_load_error_log?file={Uri.EscapeDataString(log)}"));
    }

    /// <summary>The standalone host's durable runtime, whose client reaches the jobs, and the jobs of the runtime before it.</summary>
    public static void AddJobRuntime(this IServiceCollection services, IConfiguration configuration, ContinuousLoadSettings settings)
    {
        var jobs = JobHostSettings.ReadJobs(configuration, settings.TimeZone);
        services.AddDurableTaskRuntime(JobHostSettings.ReadRuntime(configuration, settings), tasks => tasks
            // Orchestrators are made without dependency injection (as in Durable Functions); the job's constants come along.
            .AddOrchestrator(nameof(StreamingJobOrchestrator), () => new StreamingJobOrchestrator(jobs))
            .AddActivity<PlanBatchActivity>()
            .AddActivity<LoadBatchActivity>());
        services.AddSingleton(provider => new DurableClientSlot(provider.GetRequiredService<DurableTaskClient>()));
        // After the runtime: the jobs it carries over are started through its client.
        services.AddHostedService<PreviousRuntimeJobs>();
    }
}
