using System.Text.Json.Serialization;

namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>
/// A snapshot task of either source: a key range read as of a point its opening chooses, after the changes before
/// that point. Its lag counts from when it was planned; nothing of it goes to a ledger.
/// </summary>
/// <param name="FinishAfter">The job snapshots only (<c>offset = snapshot</c>): the last range finishes it.</param>
public abstract record SnapshotRangeBatch(bool FinishAfter, DateTime PlannedUtc) : JobBatch
{
    [JsonIgnore]
    public override bool ReadsSnapshot => true;

    [JsonIgnore]
    public override long Files => 0;

    [JsonIgnore]
    public override long Bytes => 0;

    [JsonIgnore]
    public override DateTime OldestUtc => PlannedUtc;

    [JsonIgnore]
    public override DateTime NewestUtc => PlannedUtc;

    [JsonIgnore]
    public override IReadOnlyList<string> LedgerKeys => [];
}
