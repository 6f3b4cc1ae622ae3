using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Servers;

/// <summary>The s3rver started by tests/servers/s3.sh (CLTEST_S3), probed once per run.</summary>
public sealed class S3Server : IAsyncLifetime
{
    public const string Variable = "CLTEST_S3";
    private string? _unavailableReason;
    private AmazonS3Client? _client;
    private string? _bucket;

    public AmazonS3Client Client
    {
        get
        {
            ServerRequirement.Ensure(_unavailableReason);
            return _client!;
        }
    }

    public string Bucket
    {
        get
        {
            ServerRequirement.Ensure(_unavailableReason);
            return _bucket!;
        }
    }

    public async ValueTask InitializeAsync()
    {
        var settings = ConnectionSettings.FromEnvironment(Variable, out _unavailableReason);
        if (settings is null)
        {
            return;
        }

        var serviceUrl = settings.Required("ServiceUrl");
        _bucket = settings.Required("Bucket");
        _client = new AmazonS3Client(
            new BasicAWSCredentials(settings.Required("AccessKey"), settings.Required("SecretKey")),
            new AmazonS3Config
            {
                ServiceURL = serviceUrl,
                ForcePathStyle = true,
                AuthenticationRegion = settings.Required("Region"),
                Timeout = TimeSpan.FromSeconds(10),
                MaxErrorRetry = 0,
            });
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, MaxKeys = 1 }, timeout.Token);
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException or OperationCanceledException)
        {
            _unavailableReason = $"S3 at {serviceUrl} is unreachable: {e.Message}";
        }
    }

    public ValueTask DisposeAsync()
    {
        _client?.Dispose();
        return ValueTask.CompletedTask;
    }
}
