using System.Security.Cryptography;
using ContinuousLoad.IntegrationTests.Servers;

namespace ContinuousLoad.IntegrationTests.Jobs;

/// <summary>
/// The durable backend a job test runs on — every S3 job test runs on both: the host settings for it
/// (the fast job constants, and for Azure Storage a task hub of the test's own on Azurite with short
/// partition leases and polling), and the task hub removed afterwards.
/// </summary>
internal sealed class JobBackend : IAsyncDisposable
{
    public static readonly TheoryData<string> All = ["sqlite", "azurestorage"];

    private readonly AzuriteServer _azurite;
    private readonly string? _taskHub;

    private JobBackend(AzuriteServer azurite, string? taskHub, Dictionary<string, string?> settings)
    {
        _azurite = azurite;
        _taskHub = taskHub;
        Settings = settings;
    }

    /// <summary>The host configuration: the fast job constants, <c>extra</c>, and the backend's keys.</summary>
    public Dictionary<string, string?> Settings { get; }

    /// <summary>The same configuration as command-line arguments, for a host process.</summary>
    public IEnumerable<string> Arguments => Settings.Select(s => $"--{s.Key}={s.Value}");

    public static JobBackend Create(string backend, AzuriteServer azurite, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(StreamingJobTests.FastJobs);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        if (backend == "sqlite")
        {
            return new JobBackend(azurite, null, settings);
        }

        var taskHub = AzuriteServer.NewTaskHubName();
        settings["ContinuousLoad:Durable:Backend"] = "azurestorage";
        settings["ContinuousLoad:Durable:TaskHub"] = taskHub;
        settings["ContinuousLoad:Durable:PartitionLeaseSecond"] = "4";
        settings["ContinuousLoad:Durable:PartitionLeaseRenewSecond"] = "1";
        settings["ContinuousLoad:Durable:MaxQueuePollingSecond"] = "1";
        settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        // Hosts sharing a task hub share the key that seals job secrets.
        settings["ContinuousLoad:Secrets:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        return new JobBackend(azurite, taskHub, settings);
    }

    public async ValueTask DisposeAsync()
    {
        if (_taskHub is not null)
        {
            await _azurite.DeleteTaskHubAsync(_taskHub);
        }
    }
}
