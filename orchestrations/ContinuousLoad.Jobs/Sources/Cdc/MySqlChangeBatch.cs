using System.Text.Json.Serialization;

namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>
/// A MySQL change task: the whole transactions from <paramref name="Start"/> to the one whose commit ends at
/// <paramref name="EndFile"/>:<paramref name="EndPos"/>. The binlog between them never changes, so a re-run reads
/// exactly the same changes.
/// </summary>
public sealed record MySqlChangeBatch(MySqlOffset Start, string EndFile, long EndPos, long Changes, long Transactions, DateTime OldestCommitUtc,
    DateTime NewestCommitUtc)
    : ChangeRangeBatch(Changes, Transactions, OldestCommitUtc, NewestCommitUtc)
{
    [JsonIgnore]
    public override SourceOffset End => new MySqlOffset(EndFile, EndPos);
}
