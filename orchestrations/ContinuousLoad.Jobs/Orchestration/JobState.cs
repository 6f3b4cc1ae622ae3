using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Jobs.Sources;

namespace ContinuousLoad.Jobs.Orchestration;

/// <summary>
/// Everything a job knows, carried from turn to turn and across continue-as-new, and published as the
/// instance's custom status for <c>jobs()</c> and <c>tasks()</c>. Only offsets, counts and small plans live
/// here — never data, and secrets only sealed. <see cref="Version"/> says which layout it has, so a state
/// written by another build is upgraded or refused with a clear message (<see cref="JobStateVersions"/>).
/// </summary>
public sealed class JobState
{
    /// <summary>The layout of this build's job state.</summary>
    public const int CurrentVersion = 2;

    /// <summary>The layout this state was written in (0 when absent: written before states carried one).</summary>
    public int Version { get; set; }

    public required JobDefinition Definition { get; set; }

    public JobStatus Status { get; set; } = JobStatus.Pending;

    public JobError? Error { get; set; }

    /// <summary>Where the last committed task ended (<c>CurrentOffset</c>); null before the first load.</summary>
    public SourceOffset? Offset { get; set; }

    /// <summary>
    /// With <c>s3.ordering = any</c>: what lies at or before this offset is never loaded (the offset given at
    /// CREATE or by an ALTER); null to consider everything.
    /// </summary>
    public SourceOffset? Floor { get; set; }

    /// <summary>With <c>s3.ordering = any</c>: which ledger remembers the loaded keys (see <see cref="JobDefinition.LedgerOf"/>).</summary>
    public int LedgerGeneration { get; set; }

    /// <summary>The ledger of loaded keys, or null when the job loads in key order.</summary>
    public string? CurrentLedger() => JobProperties.Of(Definition).Ordering == ObjectOrdering.Any ? Definition.LedgerOf(LedgerGeneration) : null;

    /// <summary>The farthest point a plan has seen (<c>EndOffset</c>).</summary>
    public SourceOffset? EndOffset { get; set; }

    public long NextTaskId { get; set; } = 1;

    public long SucceedTaskCount { get; set; }

    public long FailedTaskCount { get; set; }

    public long CanceledTaskCount { get; set; }

    public LoadStatistic Statistic { get; set; } = LoadStatistic.Zero;

    /// <summary>A database-level job's recent tasks, for its <c>load.max_filter_ratio</c>.</summary>
    public FilterWindow? FilterWindow { get; set; }

    public int AutoResumeCount { get; set; }

    public DateTime? LastAutoResumeUtc { get; set; }

    public DateTime? PausedUtc { get; set; }

    /// <summary>The newest tasks, oldest first (at most the configured number).</summary>
    public List<JobTask> Tasks { get; set; } = [];

    public DateTime? LastTaskSuccessUtc { get; set; }

    /// <summary>When the newest loaded data appeared at the source.</summary>
    public DateTime? NewestLoadedModifiedUtc { get; set; }

    /// <summary>Since when data has been waiting to load (for <c>Lag</c>); null when caught up.</summary>
    public DateTime? WaitingSinceUtc { get; set; }

    /// <summary>What the job is doing now (<c>JobRuntimeMsg</c>).</summary>
    public string RuntimeMsg { get; set; } = "";

    /// <summary>
    /// What the last task that found something left as it was (a database-level job's source columns the target does
    /// not follow); shown after <see cref="RuntimeMsg"/> until another task finds something else, or RESUME.
    /// </summary>
    public string? Notes { get; set; }

    /// <summary>
    /// Counts the loads the job has started. A load activity that sees a higher count was superseded (it
    /// started late, after a PAUSE and RESUME had already re-run its task) and stops: it must not run beside
    /// its successor under the same label.
    /// </summary>
    public long LoadAttempt { get; set; }

    /// <summary>A task a PAUSE or an ALTER interrupted: re-run under its label before anything else, so it commits once.</summary>
    public JobTask? Interrupted { get; set; }

    /// <summary>Where the next plan starts: after the offset, or in any order after the floor, skipping what the ledger holds.</summary>
    public JobPosition Position() => CurrentLedger() is { } ledger ? new JobPosition(Floor, ledger) : new JobPosition(Offset);

    /// <summary>The last statement command applied (see <see cref="JobCommand.Id"/>).</summary>
    public string? LastCommandId { get; set; }

    /// <summary>Pauses the job for <paramref name="code"/> (Doris's failure code) with <paramref name="message"/>.</summary>
    public void Pause(string code, string message, DateTime now)
    {
        Status = JobStatus.Paused;
        Error = new JobError(code, message);
        PausedUtc = now;
    }

    /// <summary>What a statement does to the job (spec B.11); one that does not apply in the job's status changes nothing but is acknowledged.</summary>
    public void Apply(JobCommand command, DateTime now)
    {
        switch (command)
        {
            case PauseJob or ResumeJob or AlterJob when Status == JobStatus.Finished:
                break;
            case PauseJob when Status != JobStatus.Paused || Error?.Code != JobError.ManualPause:
                Pause(JobError.ManualPause, "Manual pause", now);
                RuntimeMsg = "";
                break;
            case ResumeJob when Status == JobStatus.Paused && JobStateVersions.Upgrade(this) is null:
                Status = JobStatus.Pending;
                Error = null;
                AutoResumeCount = 0;
                LastAutoResumeUtc = null;
                RuntimeMsg = "";
                Notes = null;
                FilterWindow = null;
                break;
            case AlterJob alter when Status == JobStatus.Paused:
                Definition = alter.Definition;
                if (alter.ResetOffset)
                {
                    // A reset loads again what follows the offset: in any order, a new ledger forgets what was loaded.
                    Offset = alter.Offset;
                    Floor = alter.Offset;
                    LedgerGeneration++;
                    Interrupted = null;
                }

                break;
            case DropJob:
                Status = JobStatus.Stopped;
                break;
        }

        LastCommandId = command.Id;
    }
}
