using System.Text.Json.Serialization;

namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>
/// A MySQL change task: the whole transactions from <paramref name="Start"/> to the one whose commit ends at
/// <paramref name="EndFile"/>:<paramref name="EndPos"/>. The binlog between them never changes, so a re-run reads
/// exactly the same changes.
/// </summary>
public sealed record MySqlChangeBatch(MySqlOffset Start, string EndFile, long EndPos, long Changes, long Transactions, DateTime OldestCommitUtc,
    DateTime NewestCommitUtc) : JobBatch
{
    [JsonIgnore]
    public override SourceOffset End => new MySqlOffset(EndFile, EndPos);

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
