using ContinuousLoad.Jobs.Orchestration;

namespace ContinuousLoad.Jobs;

/// <summary>
/// The runtime constants of streaming jobs (spec B.10, B.13), Doris's names and defaults; the host reads
/// them from <c>host.json</c> (<c>continuousLoad:jobs</c>).
/// </summary>
public sealed record JobSettings
{
    /// <summary>The session time zone tasks load in unless the job sets <c>session.time_zone</c>.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary><c>max_streaming_job_num</c>: jobs that may exist at once.</summary>
    public int MaxStreamingJobNum { get; init; } = 1024;

    /// <summary><c>max_streaming_task_show_count</c>: tasks each job keeps for <c>tasks()</c>.</summary>
    public int MaxStreamingTaskShowCount { get; init; } = 100;

    /// <summary><c>streaming_job_max_auto_resume_count</c>: auto-resumes before <c>CANNOT_RESUME_ERR</c>.</summary>
    public int MaxAutoResumeCount { get; init; } = 10;

    /// <summary>The auto-resume wait after attempt n (n ≥ 1) is <c>min(2^n × this, AutoResumeMaxInterval)</c>; the first is immediate.</summary>
    public TimeSpan AutoResumeBaseInterval { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan AutoResumeMaxInterval { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Attempts of a task (and of a listing) before the job pauses (Doris: 3).</summary>
    public int TaskAttempts { get; init; } = 3;

    public TimeSpan TaskRetryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Loop rounds (tasks or idle polls) between continue-as-new, which keeps history short.</summary>
    public int RoundsPerExecution { get; init; } = 20;

    /// <summary>How long PAUSE/RESUME/ALTER/DROP wait for the job to apply them.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a running load checks whether PAUSE or DROP interrupted it.</summary>
    public TimeSpan InterruptCheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a database-level job asks its source's catalog whether a table it loads changed a type or its key (which it reports, spec B.8).</summary>
    public TimeSpan SourceSchemaCheckInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The auto-resume of paused jobs these settings describe.</summary>
    public AutoResumePolicy AutoResume => new(MaxAutoResumeCount, AutoResumeBaseInterval, AutoResumeMaxInterval);
}
