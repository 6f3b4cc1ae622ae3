using ContinuousLoad.Durable.Worker;
using ContinuousLoad.Jobs;

namespace ContinuousLoad.Functions.Configuration;

/// <summary>
/// Streaming-job constants (<c>continuousLoad:jobs</c>, Doris's FE names) and how the durable worker
/// takes work (<c>continuousLoad:durable</c>). Every key is optional; host.json documents them.
/// </summary>
public static class JobHostSettings
{
    public const string JobsSection = ContinuousLoadSettings.Section + ":Jobs";
    public const string DurableSection = ContinuousLoadSettings.Section + ":Durable";

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
        };
    }

    public static DurableTaskWorkerOptions ReadWorker(IConfiguration configuration)
    {
        var defaults = new DurableTaskWorkerOptions();
        return defaults with
        {
            // Doris's job_streaming_task_exec_thread_num: tasks that run at once.
            MaxConcurrentActivities = (int)Number(configuration, JobsSection, "JobStreamingTaskExecThreadNum", 10, 1),
            LeaseDuration = Seconds(configuration, DurableSection, "LeaseSecond", defaults.LeaseDuration),
        };
    }

    private static TimeSpan Seconds(IConfiguration configuration, string section, string key, TimeSpan fallback) =>
        TimeSpan.FromSeconds(Number(configuration, section, key, fallback.TotalSeconds, 0.001));

    private static double Number(IConfiguration configuration, string section, string key, double fallback, double min) =>
        SettingNumbers.Decimal(configuration, $"{section}:{key}", fallback, min);
}
