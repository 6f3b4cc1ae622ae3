namespace ContinuousLoad.Sources.S3;

/// <summary>An object found by listing: its key, size and last-modified time (UTC).</summary>
public sealed record S3ObjectInfo(string Key, long Size, DateTime LastModified);
