using ContinuousLoad.Sources.S3;

namespace ContinuousLoad.Tests.Sources.S3;

public sealed class S3LocationTests
{
    [Theory]
    [InlineData("s3://bucket/data/*.csv", false, "bucket", "data/*.csv")]
    [InlineData("s3a://bucket/a/b.json", false, "bucket", "a/b.json")]
    [InlineData("http://127.0.0.1:9000/bucket/data/x.csv", true, "bucket", "data/x.csv")]
    [InlineData("https://bucket.s3.us-east-1.amazonaws.com/data/{a,b}.csv", false, "bucket", "data/{a,b}.csv")]
    [InlineData("S3://Bucket/Key", false, "Bucket", "Key")]
    public void Bucket_and_key_come_from_each_uri_style(string uri, bool pathStyle, string bucket, string key)
    {
        var location = S3Location.Parse(uri, pathStyle);

        Assert.Equal((bucket, key), (location.Bucket, location.Key.Pattern));
    }

    [Theory]
    [InlineData("bucket/key", false, "expected s3://bucket/key")]
    [InlineData("ftp://bucket/key", false, "unsupported scheme 'ftp'")]
    [InlineData("s3://bucket", false, "no object key")]
    [InlineData("s3://bucket/", false, "no object key")]
    [InlineData("s3:///key", false, "no bucket")]
    [InlineData("http://127.0.0.1:9000/bucket", true, "no object key")]
    [InlineData("http://localhost:9000/bucket/key", false, "use_path_style=true")]
    [InlineData("http://127.0.0.1:9000/bucket/key", false, "use_path_style=true")]
    [InlineData("s3://bucket/data/[x", false, "is not closed")]
    public void Bad_uris_are_refused_with_what_to_fix(string uri, bool pathStyle, string reason)
    {
        var error = Assert.Throws<FormatException>(() => S3Location.Parse(uri, pathStyle));

        Assert.Contains(reason, error.Message);
    }
}
