using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace ContinuousLoad.IntegrationTests.Servers;

/// <summary>The s3rver started by tests/servers/s3.sh (CLTEST_S3).</summary>
public sealed class S3Server : RealServer
{
    public const string Variable = "CLTEST_S3";
    private AmazonS3Client? _client;
    private string? _bucket;
    private string? _parameters;

    public AmazonS3Client Client => Available(_client);

    public string Bucket => Available(_bucket);

    /// <summary>The S3(...) parameters that reach this server, for a job's SQL.</summary>
    public string TvfParameters => Available(_parameters);

    public override async ValueTask InitializeAsync()
    {
        var settings = ConnectionSettings.FromEnvironment(Variable, out var reason);
        UnavailableReason = reason;
        if (settings is null)
        {
            return;
        }

        var serviceUrl = settings.Required("ServiceUrl");
        var client = new AmazonS3Client(
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
            await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = settings.Required("Bucket"), MaxKeys = 1 }, timeout.Token);
            (_client, _bucket) = (client, settings.Required("Bucket"));
            _parameters = $"\"s3.endpoint\" = \"{serviceUrl}\", \"s3.region\" = \"{settings.Required("Region")}\", " +
                          $"\"s3.access_key\" = \"{settings.Required("AccessKey")}\", \"s3.secret_key\" = \"{settings.Required("SecretKey")}\", " +
                          "\"use_path_style\" = \"true\"";
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException or OperationCanceledException)
        {
            client.Dispose();
            UnavailableReason = $"S3 at {serviceUrl} is unreachable: {e.Message}";
        }
    }

    /// <summary>Stores a small object (without aws-chunked framing, which s3rver would keep verbatim).</summary>
    public Task PutTextAsync(string key, string body, CancellationToken cancellationToken) =>
        Client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, ContentBody = body, UseChunkEncoding = false }, cancellationToken);

    public Task PutBytesAsync(string key, byte[] body, CancellationToken cancellationToken) =>
        Client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, InputStream = new MemoryStream(body), UseChunkEncoding = false }, cancellationToken);

    /// <summary>Removes every object under <paramref name="prefix"/> (a test's own folder).</summary>
    public async Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix };
        ListObjectsV2Response page;
        do
        {
            page = await Client.ListObjectsV2Async(request, cancellationToken);
            foreach (var item in page.S3Objects ?? [])
            {
                await Client.DeleteObjectAsync(Bucket, item.Key, cancellationToken);
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);
    }

    public override ValueTask DisposeAsync()
    {
        _client?.Dispose();
        return base.DisposeAsync();
    }
}
