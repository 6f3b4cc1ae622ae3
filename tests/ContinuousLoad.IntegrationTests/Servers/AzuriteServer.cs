using Azure;
using Azure.Storage.Blobs;
using DurableTask.AzureStorage;

namespace ContinuousLoad.IntegrationTests.Servers;

/// <summary>The Azurite started by tests/servers/azurite.sh (CLTEST_AZURITE, a storage connection string).</summary>
public sealed class AzuriteServer : RealServer
{
    public const string Variable = "CLTEST_AZURITE";
    private string? _connectionString;

    /// <summary>The connection string of the emulator's development account.</summary>
    public string ConnectionString => Available(_connectionString);

    public override async ValueTask InitializeAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            UnavailableReason = $"{Variable} is not set";
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var options = new BlobClientOptions { Retry = { MaxRetries = 0 } };
            await new BlobServiceClient(connectionString, options).GetPropertiesAsync(timeout.Token);
            _connectionString = connectionString;
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException or AggregateException)
        {
            UnavailableReason = $"Azurite ({Variable}) is unreachable: {e.Message}";
        }
    }

    /// <summary>A task hub name no other test uses: letters and digits, starting with a letter.</summary>
    public static string NewTaskHubName() => "hub" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>Removes a task hub's tables, queues and blobs.</summary>
    public async Task DeleteTaskHubAsync(string taskHub)
    {
        using var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(ConnectionString),
            TaskHubName = taskHub,
        });
        await service.DeleteAsync();
    }
}
