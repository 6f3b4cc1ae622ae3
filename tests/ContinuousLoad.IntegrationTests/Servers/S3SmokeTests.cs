using System.Text;
using Amazon.S3.Model;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Servers;

public sealed class S3SmokeTests(S3Server s3)
{
    [Fact(Timeout = 60_000)]
    public async Task Accepts_puts_and_lists_after_a_key_page_by_page()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var prefix = TestNames.ForCurrentTest("s3") + "/";
        await s3.DeletePrefixAsync(prefix, cancellationToken);
        try
        {
            for (var i = 0; i < 5; i++)
            {
                await s3.PutTextAsync($"{prefix}{i}.csv", $"{i},row {i}\n", cancellationToken);
            }

            var pages = new List<List<string>>();
            var request = new ListObjectsV2Request { BucketName = s3.Bucket, Prefix = prefix, StartAfter = $"{prefix}1.csv", MaxKeys = 2 };
            ListObjectsV2Response page;
            do
            {
                page = await s3.Client.ListObjectsV2Async(request, cancellationToken);
                pages.Add(page.S3Objects.Select(o => o.Key[prefix.Length..]).ToList());
                request.ContinuationToken = page.NextContinuationToken;
            }
            while (page.IsTruncated == true);

            Assert.Equal([["2.csv", "3.csv"], ["4.csv"]], pages);
            using var body = await s3.Client.GetObjectAsync(s3.Bucket, $"{prefix}3.csv", cancellationToken);
            using var reader = new StreamReader(body.ResponseStream, Encoding.UTF8);
            Assert.Equal("3,row 3\n", await reader.ReadToEndAsync(cancellationToken));
        }
        finally
        {
            await s3.DeletePrefixAsync(prefix, CancellationToken.None);
        }
    }
}
