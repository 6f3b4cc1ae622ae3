using ContinuousLoad.Jobs.Definitions;

namespace ContinuousLoad.Jobs.Orchestration;

/// <summary>
/// Everything a job knows, carried from turn to turn and across continue-as-new, and published as the
/// instance's custom status for <c>jobs()</c> and <c>tasks()</c>. Only offsets, counts and small plans live
/// here — never data.
/// </summary>
public sealed class JobState
{
    public required JobDefinition Definition { get; set; }

    public string Status { get; set; } = JobStatus.Pending;

    public JobError? Error { get; set; }

    /// <summary>The key of the last committed object (<c>CurrentOffset</c>); null before the first load.</summary>
    public string? Offset { get; set; }

    /// <summary>
    /// With <c>s3.ordering = any</c>: keys at or before this one are never loaded (the offset given at CREATE
    /// or by an ALTER); null to consider every key.
    /// </summary>
    public string? Floor { get; set; }

    /// <summary>With <c>s3.ordering = any</c>: which ledger remembers the loaded keys (see <see cref="JobDefinition.LedgerOf"/>).</summary>
    public int LedgerGeneration { get; set; }

    /// <summary>The ledger of loaded keys, or null when the job loads in key order.</summary>
    public string? CurrentLedger() => JobProperties.Of(Definition).Ordering == ObjectOrdering.Any ? Definition.LedgerOf(LedgerGeneration) : null;

    /// <summary>The farthest matching key seen in a listing (<c>EndOffset</c>).</summary>
    public string? EndOffset { get; set; }

    public long NextTaskId { get; set; } = 1;

    public long SucceedTaskCount { get; set; }

    public long FailedTaskCount { get; set; }

    public long CanceledTaskCount { get; set; }

    public LoadStatistic Statistic { get; set; } = LoadStatistic.Zero;

    public int AutoResumeCount { get; set; }

    public DateTime? LastAutoResumeUtc { get; set; }

    public DateTime? PausedUtc { get; set; }

    /// <summary>The newest tasks, oldest first (at most the configured number).</summary>
    public List<JobTask> Tasks { get; set; } = [];

    public DateTime? LastTaskSuccessUtc { get; set; }

    /// <summary>The newest last-modified time among loaded objects (for <c>Lag</c>).</summary>
    public DateTime? NewestLoadedModifiedUtc { get; set; }

    /// <summary>Since when objects have been waiting to load (for <c>Lag</c>); null when caught up.</summary>
    public DateTime? WaitingSinceUtc { get; set; }

    /// <summary>What the job is doing now (<c>JobRuntimeMsg</c>).</summary>
    public string RuntimeMsg { get; set; } = "";

    /// <summary>
    /// Counts the loads the job has started. A load activity that sees a higher count was superseded (it
    /// started late, after a PAUSE and RESUME had already re-run its task) and stops: it must not run beside
    /// its successor under the same label.
    /// </summary>
    public long LoadAttempt { get; set; }

    /// <summary>A task a PAUSE or an ALTER interrupted: re-run under its label before anything else, so it commits once.</summary>
    public JobTask? Interrupted { get; set; }

    /// <summary>The last statement command applied (see <see cref="JobCommand.Id"/>).</summary>
    public string? LastCommandId { get; set; }
}
