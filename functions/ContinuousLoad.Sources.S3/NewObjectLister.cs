using Amazon.S3;
using Amazon.S3.Model;

namespace ContinuousLoad.Sources.S3;

/// <summary>
/// Finds the next batch of objects to load, the way Doris's S3 source advances: list under the
/// pattern's literal prefix, in key order, starting after the last committed key; keep the keys the
/// pattern matches; stop at <c>maxFiles</c> objects or once <c>maxBytes</c> is reached (the object that
/// crosses the limit is included, so one large object always makes progress). A source read in any
/// order also passes which keys are loaded already: those are skipped, a listing page at a time.
/// </summary>
public static class NewObjectLister
{
    private const int PageSize = 1000;
    private const int MinPageSize = 100;

    /// <param name="after">The last committed key; null to start from the beginning.</param>
    /// <param name="loaded">Which of the given keys are loaded already; null when every key after <paramref name="after"/> is new.</param>
    public static async Task<IReadOnlyList<S3ObjectInfo>> NextBatchAsync(IAmazonS3 client, S3Location location, string? after, int maxFiles, long maxBytes,
        Func<IReadOnlyCollection<string>, CancellationToken, Task<IReadOnlySet<string>>>? loaded, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFiles, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        var batch = new List<S3ObjectInfo>();
        var bytes = 0L;
        var request = new ListObjectsV2Request
        {
            BucketName = location.Bucket,
            Prefix = location.Key.Prefix,
            StartAfter = after is not null && string.CompareOrdinal(after, location.Key.Prefix) > 0 ? after : null,
            // A page about the size of a batch: s3rver and friends spend their time per key listed.
            MaxKeys = Math.Clamp(maxFiles, MinPageSize, PageSize),
        };
        do
        {
            var page = await client.ListObjectsV2Async(request, cancellationToken);
            var matching = (page.S3Objects ?? []).Where(o => location.Key.IsMatch(o.Key)).ToList();
            var skipped = loaded is null || matching.Count == 0 ? null : await loaded([.. matching.Select(o => o.Key)], cancellationToken);
            foreach (var item in matching)
            {
                if (skipped?.Contains(item.Key) == true)
                {
                    continue;
                }

                batch.Add(new S3ObjectInfo(item.Key, item.Size ?? 0, item.LastModified?.ToUniversalTime() ?? default));
                bytes += item.Size ?? 0;
                if (batch.Count >= maxFiles || bytes >= maxBytes)
                {
                    return batch;
                }
            }

            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);

        return batch;
    }
}
