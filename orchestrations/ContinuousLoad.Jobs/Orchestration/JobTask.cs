using ContinuousLoad.Jobs.Sources;

namespace ContinuousLoad.Jobs.Orchestration;

/// <summary>One task of a job as <c>tasks()</c> shows it: a batch loaded under one label.</summary>
public sealed class JobTask
{
    public long TaskId { get; set; }

    public string Label { get; set; } = "";

    public JobTaskStatus Status { get; set; } = JobTaskStatus.Running;

    public string? ErrorMsg { get; set; }

    public DateTime CreateUtc { get; set; }

    public DateTime? StartUtc { get; set; }

    public DateTime? FinishUtc { get; set; }

    /// <summary>The error log of filtered rows (served at <c>TrackingUrl</c>).</summary>
    public string? ErrorLog { get; set; }

    public LoadStatistic Statistic { get; set; } = LoadStatistic.Zero;

    public string? FirstErrorMsg { get; set; }

    /// <summary>The offset the task started after (null: the beginning).</summary>
    public SourceOffset? Start { get; set; }

    /// <summary>The offset the task reaches.</summary>
    public required SourceOffset End { get; set; }

    /// <summary>What the task loads, kept until it commits (a re-run loads the same); null after.</summary>
    public JobBatch? Batch { get; set; }
}
