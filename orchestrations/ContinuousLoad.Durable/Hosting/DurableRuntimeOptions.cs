namespace ContinuousLoad.Durable.Hosting;

/// <summary>The durable runtime's settings: the backend, where it keeps its state, and how much work runs at once.</summary>
/// <param name="SqlitePath">The SQLite backend's file.</param>
/// <param name="AzureStorageConnection">An Azure Storage connection string (<c>UseDevelopmentStorage=true</c> for Azurite).</param>
public sealed record DurableRuntimeOptions(DurableBackend Backend, string SqlitePath, string? AzureStorageConnection = null)
{
    /// <summary>
    /// Whether this host runs orchestrations and activities. A host without (a management node) only
    /// starts, queries and signals instances, leaving the work to the other hosts on the same backend.
    /// </summary>
    public bool RunsWork { get; init; } = true;

    /// <summary>The Azure Storage task hub: the tables, queues and blobs' name prefix; hosts sharing it share the jobs.</summary>
    public string TaskHubName { get; init; } = "continuousload";

    /// <summary>Activities running at once on this host (Doris's <c>job_streaming_task_exec_thread_num</c>).</summary>
    public int MaxConcurrentActivities { get; init; } = 10;

    /// <summary>Orchestration turns running at once on this host.</summary>
    public int MaxConcurrentOrchestrations { get; init; } = 100;

    /// <summary>How long a work item is leased (SQLite) or hidden from other hosts (Azure Storage), renewed while it runs.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>SQLite: deliveries of one message before it is poison (its activity or instance fails with the reason).</summary>
    public int MaxDeliveries { get; init; } = 10;

    /// <summary>SQLite: with nothing to do, the longest wait before looking again (for another process on the same file).</summary>
    public TimeSpan SqlitePollingInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Azure Storage: how long a host owns a partition without renewing, before another host may take it over.</summary>
    public TimeSpan PartitionLeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Azure Storage: how often a host renews its partition leases and looks for partitions to take.</summary>
    public TimeSpan PartitionLeaseRenewal { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Azure Storage: the longest a host waits between polls of an empty queue.</summary>
    public TimeSpan MaxQueuePollingInterval { get; init; } = TimeSpan.FromSeconds(10);
}
