using ContinuousLoad.Jobs.Orchestration;

namespace ContinuousLoad.Jobs.Activities;

/// <summary>
/// What a task's load did. A committed load reports its statistics (also when a re-run found its label
/// committed already); a load refused for its data reports <see cref="ErrorMsg"/> and pauses the job
/// without auto-resume. Other failures are exceptions, retried by the orchestration.
/// </summary>
public sealed record LoadBatchOutcome(bool Committed, LoadStatistic Statistic, string? ErrorLog, string? ErrorMsg, string? FirstErrorMsg)
{
    /// <summary>The offset the committed load recorded: the batch's planned end, or the point a snapshot range was read at.</summary>
    public Sources.SourceOffset? End { get; init; }

    /// <summary>A database-level job's <c>load.max_filter_ratio</c>, which the job checks over its recent tasks rather than each task.</summary>
    public double? WindowMaxFilterRatio { get; init; }

    /// <summary>What the task found and left as it was (a database-level job's source columns the target does not follow), for <c>JobRuntimeMsg</c>.</summary>
    public string? Notes { get; init; }
}
