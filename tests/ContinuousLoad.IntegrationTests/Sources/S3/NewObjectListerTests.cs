using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sources.S3;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Sources.S3;

/// <summary>How the S3 source finds new objects, against s3rver.</summary>
public sealed class NewObjectListerTests(S3Server s3)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task Batches_follow_key_order_after_the_committed_key_and_keep_only_matching_keys()
    {
        var folder = TestNames.ForCurrentTest("s3") + "/";
        await s3.DeletePrefixAsync(folder, Token);
        try
        {
            foreach (var name in new[] { "in/a.csv", "in/b.csv", "in/b.json", "in/c.csv", "in/sub/d.csv", "in/e.csv", "other/f.csv" })
            {
                await s3.PutTextAsync(folder + name, "1,x\n", Token);
            }

            var location = S3Location.Parse($"s3://{s3.Bucket}/{folder}in/*.csv", usePathStyle: false);
            var first = await NewObjectLister.NextBatchAsync(s3.Client, location, null, maxFiles: 2, maxBytes: long.MaxValue, loaded: null, Token);
            var second = await NewObjectLister.NextBatchAsync(s3.Client, location, first[^1].Key, maxFiles: 2, maxBytes: long.MaxValue, loaded: null, Token);
            var none = await NewObjectLister.NextBatchAsync(s3.Client, location, second[^1].Key, maxFiles: 2, maxBytes: long.MaxValue, loaded: null, Token);

            Assert.Equal(["in/a.csv", "in/b.csv"], first.Select(o => o.Key[folder.Length..]));
            Assert.Equal(["in/c.csv", "in/e.csv"], second.Select(o => o.Key[folder.Length..]));
            Assert.Empty(none);
            Assert.All(first, o => Assert.Equal((4L, DateTimeKind.Utc), (o.Size, o.LastModified.Kind)));
        }
        finally
        {
            await s3.DeletePrefixAsync(folder, CancellationToken.None);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_batch_stops_at_the_object_that_reaches_the_byte_limit_and_pages_past_a_thousand_keys()
    {
        var folder = TestNames.ForCurrentTest("s3") + "/";
        await s3.DeletePrefixAsync(folder, Token);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 1005).Select(i => s3.PutTextAsync($"{folder}skip/{i:D4}.txt", "x", Token)));
            foreach (var (name, body) in new[] { ("zz/1.csv", "12345"), ("zz/2.csv", "12345"), ("zz/3.csv", "1") })
            {
                await s3.PutTextAsync(folder + name, body, Token);
            }

            // Everything under the folder is listed (the matching keys come after 1,005 others).
            var location = S3Location.Parse($"s3://{s3.Bucket}/{folder}{{zz/?.csv,none}}", usePathStyle: false);
            var batch = await NewObjectLister.NextBatchAsync(s3.Client, location, null, maxFiles: 100, maxBytes: 6, loaded: null, Token);

            Assert.Equal(["zz/1.csv", "zz/2.csv"], batch.Select(o => o.Key[folder.Length..]));
        }
        finally
        {
            await s3.DeletePrefixAsync(folder, CancellationToken.None);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task In_any_order_the_loaded_keys_are_skipped_and_late_keys_before_them_are_found()
    {
        var folder = TestNames.ForCurrentTest("s3") + "/";
        await s3.DeletePrefixAsync(folder, Token);
        try
        {
            foreach (var name in new[] { "a.csv", "b.csv", "c.csv", "d.csv" })
            {
                await s3.PutTextAsync(folder + name, "1\n", Token);
            }

            var location = S3Location.Parse($"s3://{s3.Bucket}/{folder}*.csv", usePathStyle: false);
            var loaded = new HashSet<string> { folder + "b.csv", folder + "d.csv" };
            var asked = new List<string>();
            var batch = await NewObjectLister.NextBatchAsync(s3.Client, location, null, maxFiles: 10, maxBytes: long.MaxValue, (keys, _) =>
            {
                asked.AddRange(keys);
                return Task.FromResult<IReadOnlySet<string>>(keys.Where(loaded.Contains).ToHashSet());
            }, Token);

            Assert.Equal(["a.csv", "c.csv"], batch.Select(o => o.Key[folder.Length..]));
            Assert.Equal(["a.csv", "b.csv", "c.csv", "d.csv"], asked.Select(k => k[folder.Length..]));
        }
        finally
        {
            await s3.DeletePrefixAsync(folder, CancellationToken.None);
        }
    }
}
