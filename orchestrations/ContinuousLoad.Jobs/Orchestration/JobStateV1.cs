using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Jobs.Sources;

namespace ContinuousLoad.Jobs.Orchestration;

/// <summary>
/// A job's state as the runtime before the Durable Task SDK stored it (no version; S3 keys as plain
/// strings, statuses as Doris's words), read only to carry such jobs over into this runtime.
/// </summary>
public sealed class JobStateV1
{
    public required JobDefinition Definition { get; init; }

    public string Status { get; init; } = "PENDING";

    public JobError? Error { get; init; }

    public string? Offset { get; init; }

    public string? Floor { get; init; }

    public int LedgerGeneration { get; init; }

    public string? EndOffset { get; init; }

    public long NextTaskId { get; init; } = 1;

    public long SucceedTaskCount { get; init; }

    public long FailedTaskCount { get; init; }

    public long CanceledTaskCount { get; init; }

    public LoadStatistic Statistic { get; init; } = LoadStatistic.Zero;

    public int AutoResumeCount { get; init; }

    public DateTime? LastAutoResumeUtc { get; init; }

    public DateTime? PausedUtc { get; init; }

    public List<TaskV1> Tasks { get; init; } = [];

    public DateTime? LastTaskSuccessUtc { get; init; }

    public DateTime? NewestLoadedModifiedUtc { get; init; }

    public DateTime? WaitingSinceUtc { get; init; }

    public string RuntimeMsg { get; init; } = "";

    public long LoadAttempt { get; init; }

    public TaskV1? Interrupted { get; init; }

    public string? LastCommandId { get; init; }

    /// <summary>The same job in this build's layout (<see cref="JobState.CurrentVersion"/>); its secrets still as stored.</summary>
    public JobState Upgrade() => new()
    {
        Version = JobState.CurrentVersion,
        Definition = Definition,
        Status = Enum.Parse<JobStatus>(Status, ignoreCase: true),
        Error = Error,
        Offset = S3(Offset),
        Floor = S3(Floor),
        LedgerGeneration = LedgerGeneration,
        EndOffset = S3(EndOffset),
        NextTaskId = NextTaskId,
        SucceedTaskCount = SucceedTaskCount,
        FailedTaskCount = FailedTaskCount,
        CanceledTaskCount = CanceledTaskCount,
        Statistic = Statistic,
        AutoResumeCount = AutoResumeCount,
        LastAutoResumeUtc = LastAutoResumeUtc,
        PausedUtc = PausedUtc,
        Tasks = [.. Tasks.Select(t => t.Upgrade())],
        LastTaskSuccessUtc = LastTaskSuccessUtc,
        NewestLoadedModifiedUtc = NewestLoadedModifiedUtc,
        WaitingSinceUtc = WaitingSinceUtc,
        RuntimeMsg = RuntimeMsg,
        LoadAttempt = LoadAttempt,
        // A load the previous runtime had open re-runs under its label first: it may have committed.
        Interrupted = (Interrupted ?? Tasks.LastOrDefault(t => t.Status.Equals("RUNNING", StringComparison.OrdinalIgnoreCase)))?.Upgrade(),
        LastCommandId = LastCommandId,
    };

    private static S3Offset? S3(string? key) => key is null ? null : new S3Offset(key);

    /// <summary>A task as the previous runtime stored it.</summary>
    public sealed class TaskV1
    {
        public long TaskId { get; init; }

        public string Label { get; init; } = "";

        public string Status { get; init; } = "RUNNING";

        public string? ErrorMsg { get; init; }

        public DateTime CreateUtc { get; init; }

        public DateTime? StartUtc { get; init; }

        public DateTime? FinishUtc { get; init; }

        public string? ErrorLog { get; init; }

        public LoadStatistic Statistic { get; init; } = LoadStatistic.Zero;

        public string? FirstErrorMsg { get; init; }

        public string? StartFileName { get; init; }

        public string EndFileName { get; init; } = "";

        public List<PlannedObject> Objects { get; init; } = [];

        public JobTask Upgrade() => new()
        {
            TaskId = TaskId,
            Label = Label,
            Status = Enum.Parse<JobTaskStatus>(Status, ignoreCase: true),
            ErrorMsg = ErrorMsg,
            CreateUtc = CreateUtc,
            StartUtc = StartUtc,
            FinishUtc = FinishUtc,
            ErrorLog = ErrorLog,
            Statistic = Statistic,
            FirstErrorMsg = FirstErrorMsg,
            Start = S3(StartFileName),
            End = new S3Offset(EndFileName),
            Batch = Objects.Count == 0 ? null : new S3Batch(Objects),
        };
    }
}
