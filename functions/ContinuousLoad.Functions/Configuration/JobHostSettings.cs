using ContinuousLoad.Durable.Hosting;
using ContinuousLoad.Jobs;
using ContinuousLoad.Jobs.Secrets;

namespace ContinuousLoad.Functions.Configuration;

/// <summary>
/// Streaming-job constants (<c>continuousLoad:jobs</c>, Doris's FE names), how the durable runtime takes
/// work (<c>continuousLoad:durable</c>) and the key that seals job secrets. Every key is optional;
/// host.json and docs/configuration.md document them.
/// </summary>
public static class JobHostSettings
{
    public const string JobsSection = ContinuousLoadSettings.Section + ":Jobs";
    public const string DurableSection = DurableSettings.Section;
    public const string SecretKeyKey = ContinuousLoadSettings.Section + ":Secrets:Key";

    public static JobSettings ReadJobs(IConfiguration configuration, TimeZoneInfo timeZone)
    {
        var defaults = new JobSettings();
        return defaults with
        {
            TimeZone = timeZone,
            MaxStreamingJobNum = (int)Number(configuration, JobsSection, "MaxStreamingJobNum", defaults.MaxStreamingJobNum, 1),
            MaxStreamingTaskShowCount = (int)Number(configuration, JobsSection, "MaxStreamingTaskShowCount", defaults.MaxStreamingTaskShowCount, 1),
            MaxAutoResumeCount = (int)Number(configuration, JobsSection, "StreamingJobMaxAutoResumeCount", defaults.MaxAutoResumeCount, 0),
            AutoResumeBaseInterval = Seconds(configuration, JobsSection, "AutoResumeBaseIntervalSecond", defaults.AutoResumeBaseInterval),
            AutoResumeMaxInterval = Seconds(configuration, JobsSection, "AutoResumeMaxIntervalSecond", defaults.AutoResumeMaxInterval),
            TaskAttempts = (int)Number(configuration, JobsSection, "TaskAttempts", defaults.TaskAttempts, 1),
            TaskRetryInterval = Seconds(configuration, JobsSection, "TaskRetryIntervalSecond", defaults.TaskRetryInterval),
            CommandTimeout = Seconds(configuration, JobsSection, "CommandTimeoutSecond", defaults.CommandTimeout),
            InterruptCheckInterval = Seconds(configuration, JobsSection, "InterruptCheckIntervalSecond", defaults.InterruptCheckInterval),
            SourceSchemaCheckInterval = Seconds(configuration, JobsSection, "SourceSchemaCheckIntervalSecond", defaults.SourceSchemaCheckInterval),
        };
    }

    /// <summary>The durable runtime: the backend and how work is taken and leased.</summary>
    public static DurableRuntimeOptions ReadRuntime(IConfiguration configuration, ContinuousLoadSettings settings)
    {
        var defaults = new DurableRuntimeOptions(settings.Durable.Backend, Path.Combine(settings.DataDirectory, "durable-tasks.db"),
            settings.Durable.StorageConnection) { TaskHubName = settings.Durable.TaskHub };
        return defaults with
        {
            // Doris's job_streaming_task_exec_thread_num: tasks that run at once.
            MaxConcurrentActivities = (int)Number(configuration, JobsSection, "JobStreamingTaskExecThreadNum", defaults.MaxConcurrentActivities, 1),
            LeaseDuration = Seconds(configuration, DurableSection, "LeaseSecond", defaults.LeaseDuration),
            PartitionLeaseDuration = Seconds(configuration, DurableSection, "PartitionLeaseSecond", defaults.PartitionLeaseDuration),
            PartitionLeaseRenewal = Seconds(configuration, DurableSection, "PartitionLeaseRenewSecond", defaults.PartitionLeaseRenewal),
            MaxQueuePollingInterval = Seconds(configuration, DurableSection, "MaxQueuePollingSecond", defaults.MaxQueuePollingInterval),
        };
    }

    /// <summary>The key that seals job secrets: <c>ContinuousLoad:Secrets:Key</c>, else a key file made once under the data directory.</summary>
    public static SecretKey ReadSecretKey(IConfiguration configuration, ContinuousLoadSettings settings)
    {
        var configured = configuration[SecretKeyKey];
        try
        {
            return string.IsNullOrWhiteSpace(configured) ? SecretKey.FromFile(Path.Combine(settings.DataDirectory, "secret.key")) : SecretKey.FromBase64(configured);
        }
        catch (FormatException e)
        {
            throw new StartupConfigurationException(string.IsNullOrWhiteSpace(configured)
                ? $"The key file {Path.Combine(settings.DataDirectory, "secret.key")} is damaged ({e.Message}); restore it, or set {SecretKeyKey}."
                : $"{SecretKeyKey} is not a secret key: {e.Message}. Make one with: openssl rand -base64 32");
        }
    }

    private static TimeSpan Seconds(IConfiguration configuration, string section, string key, TimeSpan fallback) =>
        TimeSpan.FromSeconds(Number(configuration, section, key, fallback.TotalSeconds, 0.001));

    private static double Number(IConfiguration configuration, string section, string key, double fallback, double min) =>
        SettingNumbers.Decimal(configuration, $"{section}:{key}", fallback, min);
}
