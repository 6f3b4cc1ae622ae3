using System.Text.Json.Serialization;

namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>
/// A PostgreSQL change task: the whole transactions from <paramref name="StartLsn"/> (0: where the slot
/// stands) to the one whose commit ends at <paramref name="EndLsn"/>. The log between them never changes,
/// so a re-run reads exactly the same changes.
/// </summary>
public sealed record PostgresChangeBatch(ulong StartLsn, ulong EndLsn, long Changes, long Transactions, DateTime OldestCommitUtc, DateTime NewestCommitUtc)
    : ChangeRangeBatch(Changes, Transactions, OldestCommitUtc, NewestCommitUtc)
{
    [JsonIgnore]
    public override SourceOffset End => new PostgresOffset(EndLsn);
}
