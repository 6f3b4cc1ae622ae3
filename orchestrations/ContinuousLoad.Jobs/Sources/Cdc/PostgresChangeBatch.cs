using System.Text.Json.Serialization;

namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>
/// A PostgreSQL change task: the whole transactions from <paramref name="StartLsn"/> (0: where the slot
/// stands) to the one whose commit ends at <paramref name="EndLsn"/>. The log between them never changes,
/// so a re-run reads exactly the same changes.
/// </summary>
public sealed record PostgresChangeBatch(ulong StartLsn, ulong EndLsn, long Changes, long Transactions, DateTime OldestCommitUtc, DateTime NewestCommitUtc)
    : JobBatch
{
    [JsonIgnore]
    public override SourceOffset End => new PostgresOffset(EndLsn);

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
