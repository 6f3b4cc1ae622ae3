namespace ContinuousLoad.Durable.Sqlite;

/// <summary>How the SQLite backend takes and holds work.</summary>
/// <param name="Path">The database file.</param>
public sealed record SqliteBackendOptions(string Path)
{
    /// <summary>How long a work item is leased; the sidecar's host renews it while the work runs.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Orchestration turns run at once.</summary>
    public int MaxConcurrentOrchestrations { get; init; } = 100;

    /// <summary>Activities run at once (Doris's <c>job_streaming_task_exec_thread_num</c> for jobs).</summary>
    public int MaxConcurrentActivities { get; init; } = 10;

    /// <summary>Deliveries of one message before it is given up as poison (the activity fails, the instance fails).</summary>
    public int MaxDeliveries { get; init; } = 10;

    /// <summary>With nothing to do, how long to wait at most before looking again (for other processes on the same file).</summary>
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromSeconds(1);
}
