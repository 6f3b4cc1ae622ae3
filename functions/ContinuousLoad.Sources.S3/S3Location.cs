namespace ContinuousLoad.Sources.S3;

/// <summary>
/// Where an S3 <c>uri</c> points: <c>s3://bucket/key</c> (also <c>s3a://</c>, <c>s3n://</c>), a path-style
/// URL <c>http(s)://host/bucket/key</c> (when <c>use_path_style</c> is true) or a virtual-hosted one
/// <c>https://bucket.host/key</c>. The key may hold a glob (<see cref="KeyGlob"/>).
/// </summary>
public sealed record S3Location(string Bucket, KeyGlob Key)
{
    /// <exception cref="FormatException">The URI has no bucket or no key, or its key pattern is malformed.</exception>
    public static S3Location Parse(string uri, bool usePathStyle)
    {
        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0)
        {
            throw Invalid(uri, "expected s3://bucket/key or http(s)://host/bucket/key");
        }

        var kind = uri[..scheme].ToLowerInvariant();
        var rest = uri[(scheme + 3)..];
        var slash = rest.IndexOf('/');
        var (authority, path) = slash < 0 ? (rest, "") : (rest[..slash], rest[(slash + 1)..]);
        string bucket, key;
        switch (kind)
        {
            case "s3" or "s3a" or "s3n":
                (bucket, key) = (authority, path);
                break;
            case "http" or "https" when usePathStyle:
                var split = path.IndexOf('/');
                (bucket, key) = split < 0 ? (path, "") : (path[..split], path[(split + 1)..]);
                break;
            case "http" or "https":
                var dot = authority.IndexOf('.');
                var host = authority.Split(':')[0];
                if (dot <= 0 || System.Net.IPAddress.TryParse(host, out _))
                {
                    throw Invalid(uri, "a virtual-hosted URL names the bucket as the first part of the host (set use_path_style=true for http(s)://host/bucket/key)");
                }

                (bucket, key) = (authority[..dot], path);
                break;
            default:
                throw Invalid(uri, $"unsupported scheme '{kind}'");
        }

        if (bucket.Length == 0)
        {
            throw Invalid(uri, "no bucket");
        }

        if (key.Length == 0)
        {
            throw Invalid(uri, "no object key or pattern after the bucket");
        }

        return new S3Location(bucket, KeyGlob.Parse(key));
    }

    public override string ToString() => $"s3://{Bucket}/{Key.Pattern}";

    private static FormatException Invalid(string uri, string why) => new($"Invalid S3 URI '{uri}': {why}.");
}
