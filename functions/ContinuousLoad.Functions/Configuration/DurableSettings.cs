using ContinuousLoad.Durable.Hosting;

namespace ContinuousLoad.Functions.Configuration;

/// <summary>
/// Where the durable runtime keeps orchestration state (<c>ContinuousLoad:Durable:Backend</c>): <c>sqlite</c>,
/// one file under the data directory (the default), or <c>azurestorage</c>, the task hub
/// <c>ContinuousLoad:Durable:TaskHub</c> in the storage account of <c>AzureWebJobsStorage</c> — the Functions
/// convention, where <c>UseDevelopmentStorage=true</c> means Azurite. The connection string is never shown.
/// </summary>
public sealed record DurableSettings(DurableBackend Backend, string? StorageConnection, string TaskHub)
{
    public const string Section = ContinuousLoadSettings.Section + ":Durable";
    public const string BackendKey = Section + ":Backend";
    public const string TaskHubKey = Section + ":TaskHub";
    public const string StorageConnectionKey = "AzureWebJobsStorage";

    public string DisplayName => Backend == DurableBackend.Sqlite ? "sqlite" : "azurestorage";

    public static DurableSettings Read(IConfiguration configuration)
    {
        if (configuration[Section + ":Store"] is { Length: > 0 } store && !store.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new StartupConfigurationException(
                $"{Section}:Store = '{store}' is no longer read: the durable runtime's backend is {BackendKey} ('sqlite' or 'azurestorage'). " +
                "The PostgreSQL durable store was retired; several hosts share one Azure Storage task hub instead.");
        }

        var backend = configuration[BackendKey]?.Trim().ToLowerInvariant() switch
        {
            null or "" or "sqlite" => DurableBackend.Sqlite,
            "azurestorage" => DurableBackend.AzureStorage,
            var other => throw new StartupConfigurationException($"{BackendKey} must be 'sqlite' or 'azurestorage', not '{other}'."),
        };
        var connection = configuration[StorageConnectionKey];
        if (backend == DurableBackend.AzureStorage && string.IsNullOrWhiteSpace(connection))
        {
            throw new StartupConfigurationException(
                $"{BackendKey} is 'azurestorage' but {StorageConnectionKey} is empty; set it to a storage connection string " +
                "(UseDevelopmentStorage=true for Azurite).");
        }

        var taskHub = configuration[TaskHubKey]?.Trim() is { Length: > 0 } name ? name : "continuousload";
        if (taskHub.Length is < 3 or > 45 || !char.IsAsciiLetter(taskHub[0]) || !taskHub.All(char.IsAsciiLetterOrDigit))
        {
            throw new StartupConfigurationException($"{TaskHubKey} '{taskHub}' must be 3 to 45 letters and digits, starting with a letter (Azure Storage names).");
        }

        return new DurableSettings(backend, backend == DurableBackend.AzureStorage ? connection : null, taskHub);
    }
}
