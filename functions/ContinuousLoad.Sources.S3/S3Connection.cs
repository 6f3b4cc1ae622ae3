using Amazon.Runtime;
using Amazon.S3;

namespace ContinuousLoad.Sources.S3;

/// <summary>
/// How to reach an S3-compatible service: <c>s3.endpoint</c> (with or without a scheme; https when none),
/// <c>s3.region</c>, <c>s3.access_key</c>/<c>s3.secret_key</c>, optional <c>s3.session_token</c>, and
/// <c>use_path_style</c> (MinIO and other self-hosted services need it). <see cref="ToString"/> never shows secrets.
/// </summary>
public sealed record S3Connection(string Endpoint, string Region, string AccessKey, string SecretKey, string? SessionToken, bool UsePathStyle)
{
    /// <summary>The endpoint as a URL: an endpoint given without a scheme is reached over https.</summary>
    public string ServiceUrl => Endpoint.Contains("://", StringComparison.Ordinal) ? Endpoint : "https://" + Endpoint;

    /// <summary>
    /// A client that fails fast: a source outage must surface as a task error within seconds (the job
    /// pauses and auto-resumes), not hide behind the SDK's long retry loop.
    /// </summary>
    public AmazonS3Client CreateClient()
    {
        AWSCredentials credentials = SessionToken is { Length: > 0 } token
            ? new SessionAWSCredentials(AccessKey, SecretKey, token)
            : new BasicAWSCredentials(AccessKey, SecretKey);
        var config = new AmazonS3Config
        {
            ServiceURL = ServiceUrl,
            ForcePathStyle = UsePathStyle,
            AuthenticationRegion = Region,
            Timeout = TimeSpan.FromSeconds(30),
            MaxErrorRetry = 1,
        };
        return new AmazonS3Client(credentials, config);
    }

    public override string ToString() => $"S3Connection {{ Endpoint = {Endpoint}, Region = {Region}, UsePathStyle = {UsePathStyle} }}";
}
