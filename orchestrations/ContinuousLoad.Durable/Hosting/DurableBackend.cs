namespace ContinuousLoad.Durable.Hosting;

/// <summary>Where orchestration state lives (<c>ContinuousLoad:Durable:Backend</c>).</summary>
public enum DurableBackend
{
    /// <summary>One SQLite file under the data directory: the embedded, zero-setup default; one host.</summary>
    Sqlite,

    /// <summary>DurableTask.AzureStorage's tables, queues and blobs (Azurite locally): several hosts share one task hub.</summary>
    AzureStorage,
}
