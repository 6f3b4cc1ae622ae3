using Amazon.S3;
using Amazon.S3.Model;

namespace ContinuousLoad.Sources.S3;

/// <summary>Opens an object's content as the response stream itself: read as it arrives, never buffered whole.</summary>
public static class S3ObjectReader
{
    /// <remarks>Disposing the stream releases the response and its connection.</remarks>
    public static async Task<Stream> OpenAsync(IAmazonS3 client, string bucket, string key, CancellationToken cancellationToken)
    {
        var response = await client.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, cancellationToken);
        return response.ResponseStream;
    }
}
