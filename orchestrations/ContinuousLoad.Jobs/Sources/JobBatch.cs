using System.Text.Json.Serialization;

namespace ContinuousLoad.Jobs.Sources;

/// <summary>
/// What one task loads, as its source planned it: enough to open the same data again on a re-run, so a
/// task re-run under its label loads exactly what the first run did. Kept in the job's state while the
/// task is open; small (names and positions, never data).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(S3Batch), S3Offset.Kind)]
[JsonDerivedType(typeof(Cdc.PostgresChangeBatch), Cdc.PostgresOffset.Kind)]
[JsonDerivedType(typeof(Cdc.PostgresSnapshotBatch), Cdc.PostgresSnapshotBatch.Kind)]
[JsonDerivedType(typeof(Cdc.MySqlChangeBatch), Cdc.MySqlOffset.Kind)]
[JsonDerivedType(typeof(Cdc.MySqlSnapshotBatch), Cdc.MySqlSnapshotBatch.Kind)]
public abstract record JobBatch
{
    /// <summary>The offset the job reaches once this batch is committed.</summary>
    public abstract SourceOffset End { get; }

    /// <summary>Files (or other units) in the batch, for <c>LoadStatistic.fileNumber</c>.</summary>
    public abstract long Files { get; }

    /// <summary>Bytes at the source, for <c>LoadStatistic.fileSize</c>.</summary>
    public abstract long Bytes { get; }

    /// <summary>When the oldest data in the batch appeared at the source (the job's lag counts from it).</summary>
    public abstract DateTime OldestUtc { get; }

    /// <summary>When the newest data in the batch appeared at the source.</summary>
    public abstract DateTime NewestUtc { get; }

    /// <summary>
    /// A snapshot range with the changes that come before it: changes to rows of ranges not read yet arrive ahead of
    /// their rows (see <see cref="Ingest.Options.LoadOptions.ChangesAheadOfSnapshot"/>).
    /// </summary>
    [JsonIgnore]
    public virtual bool ReadsSnapshot => false;

    /// <summary>What the job's ledger records as loaded with this batch (jobs that load in any order).</summary>
    public abstract IReadOnlyList<string> LedgerKeys { get; }
}
