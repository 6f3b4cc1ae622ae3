using System.Text;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sources.S3;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Sources.S3;

/// <summary>Objects of a batch come back in order and whole, small ones fetched ahead, large ones streamed; stopping early ends every download.</summary>
public sealed class ObjectPrefetcherTests(S3Server s3)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task Objects_come_back_in_order_whole_and_an_early_stop_ends_the_downloads_ahead()
    {
        var folder = TestNames.ForCurrentTest("s3") + "/";
        await s3.DeletePrefixAsync(folder, Token);
        try
        {
            var large = new string('x', (int)ObjectPrefetcher.SmallObjectBytes + 10);
            var objects = new List<(string Key, long Size)>();
            var bodies = new List<string>();
            for (var i = 0; i < 20; i++)
            {
                var body = i == 5 ? large : $"object {i}\n";
                await s3.PutTextAsync($"{folder}{i:D2}", body, Token);
                objects.Add(($"{folder}{i:D2}", Encoding.UTF8.GetByteCount(body)));
                bodies.Add(body);
            }

            var read = new List<string>();
            await foreach (var content in ObjectPrefetcher.OpenInOrderAsync(s3.Client, s3.Bucket, objects, Token))
            {
                await using (content)
                {
                    read.Add(await new StreamReader(content).ReadToEndAsync(Token));
                }
            }

            Assert.Equal(bodies, read);

            var taken = 0;
            await foreach (var content in ObjectPrefetcher.OpenInOrderAsync(s3.Client, s3.Bucket, objects, Token))
            {
                await content.DisposeAsync();
                if (++taken == 2)
                {
                    break;
                }
            }

            Assert.Equal(2, taken);
        }
        finally
        {
            await s3.DeletePrefixAsync(folder, CancellationToken.None);
        }
    }
}
