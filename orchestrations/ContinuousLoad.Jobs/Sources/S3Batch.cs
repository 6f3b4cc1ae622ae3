using System.Text.Json.Serialization;

namespace ContinuousLoad.Jobs.Sources;

/// <summary>An S3 task's objects, in key order, as listed when the batch was planned; the rest is derived (and not stored).</summary>
public sealed record S3Batch(IReadOnlyList<PlannedObject> Objects) : JobBatch
{
    [JsonIgnore]
    public override SourceOffset End => new S3Offset(Objects[^1].Key);

    [JsonIgnore]
    public override long Files => Objects.Count;

    [JsonIgnore]
    public override long Bytes => Objects.Sum(o => o.Size);

    [JsonIgnore]
    public override DateTime OldestUtc => Objects.Min(o => o.LastModifiedUtc);

    [JsonIgnore]
    public override DateTime NewestUtc => Objects.Max(o => o.LastModifiedUtc);

    [JsonIgnore]
    public override IReadOnlyList<string> LedgerKeys => [.. Objects.Select(o => o.Key)];
}

/// <summary>An object a task loads, as listed when the batch was planned.</summary>
public sealed record PlannedObject(string Key, long Size, DateTime LastModifiedUtc);
