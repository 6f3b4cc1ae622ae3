using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace ContinuousLoad.Sources.S3;

/// <summary>
/// Opens a batch of objects in order for a load that reads them one after another. Small objects are
/// downloaded ahead, several at once, while earlier ones load: with thousands of small files the round
/// trip per GET, not the bytes, sets the pace. Large objects are streamed when their turn comes, so
/// memory stays within <see cref="Ahead"/> × <see cref="SmallObjectBytes"/>.
/// </summary>
public static class ObjectPrefetcher
{
    public const int Ahead = 8;
    public const long SmallObjectBytes = 1 << 20;

    /// <summary>Each object's content, in the order given; dispose each before moving on.</summary>
    public static async IAsyncEnumerable<Stream> OpenInOrderAsync(IAmazonS3 client, string bucket, IReadOnlyList<(string Key, long Size)> objects,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = new Queue<Task<Stream>>();
        var next = 0;
        try
        {
            for (var current = 0; current < objects.Count; current++)
            {
                // Keep up to Ahead small objects downloading beyond the current one (a large one waits for its turn).
                for (; next < objects.Count && next - current < Ahead && (next == current || objects[next].Size <= SmallObjectBytes); next++)
                {
                    pending.Enqueue(objects[next].Size <= SmallObjectBytes
                        ? DownloadAsync(client, bucket, objects[next].Key, abandon.Token)
                        : S3ObjectReader.OpenAsync(client, bucket, objects[next].Key, abandon.Token));
                }

                yield return await pending.Dequeue();
            }
        }
        finally
        {
            await abandon.CancelAsync();
            while (pending.TryDequeue(out var left))
            {
                await DisposeAbandonedAsync(left);
            }
        }
    }

    /// <summary>The object in memory, unless it has grown past the limit since it was listed: then its response stream.</summary>
    private static async Task<Stream> DownloadAsync(IAmazonS3 client, string bucket, string key, CancellationToken cancellationToken)
    {
        var response = await client.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, cancellationToken);
        if (response.ContentLength > SmallObjectBytes)
        {
            return response.ResponseStream;
        }

        await using var content = response.ResponseStream;
        var buffer = new MemoryStream((int)Math.Max(response.ContentLength, 0));
        await content.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        return buffer;
    }

    /// <summary>A download the load no longer wants (it failed or stopped): its outcome does not matter, only that it ends.</summary>
    private static async Task DisposeAbandonedAsync(Task<Stream> download)
    {
        try
        {
            await (await download).DisposeAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or AmazonServiceException or HttpRequestException or IOException)
        {
            // Abandoned: the load that asked for it has already ended with its own outcome.
        }
    }
}
