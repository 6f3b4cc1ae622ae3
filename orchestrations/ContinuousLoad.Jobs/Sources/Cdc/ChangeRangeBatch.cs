using System.Text.Json.Serialization;

namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>
/// A change task of either source: whole transactions, counted; its lag counts from their commit times. Nothing
/// of it goes to a ledger, and it has no bytes at the source to show (<c>fileNumber</c> shows its transactions).
/// </summary>
public abstract record ChangeRangeBatch(long Changes, long Transactions, DateTime OldestCommitUtc, DateTime NewestCommitUtc) : JobBatch
{
    [JsonIgnore]
    public override long Files => Transactions;

    [JsonIgnore]
    public override long Bytes => 0;

    [JsonIgnore]
    public override DateTime OldestUtc => OldestCommitUtc;

    [JsonIgnore]
    public override DateTime NewestUtc => NewestCommitUtc;

    [JsonIgnore]
    public override IReadOnlyList<string> LedgerKeys => [];
}
