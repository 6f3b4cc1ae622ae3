using System.Collections.Concurrent;
using Amazon.S3;

namespace ContinuousLoad.Sources.S3;

/// <summary>
/// One client per connection (endpoint, region, credentials, path style), reused by every listing and
/// read: a job polls every few seconds, and a client with its HTTP handler is too costly to build each
/// time. Rotated credentials are a new connection, so they get a new client.
/// </summary>
public sealed class S3ClientCache : IDisposable
{
    private readonly ConcurrentDictionary<S3Connection, Lazy<AmazonS3Client>> _clients = new();

    public IAmazonS3 For(S3Connection connection) => _clients.GetOrAdd(connection, c => new Lazy<AmazonS3Client>(c.CreateClient)).Value;

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }

        _clients.Clear();
    }
}
