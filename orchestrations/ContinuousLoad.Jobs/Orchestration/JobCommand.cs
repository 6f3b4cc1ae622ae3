using ContinuousLoad.Jobs.Definitions;

namespace ContinuousLoad.Jobs.Orchestration;

/// <summary>
/// A statement's instruction to a running job, raised as its <c>control</c> event. <see cref="Id"/> comes
/// back in the job's state once applied, so the statement answers only when the job has done it.
/// </summary>
public sealed record JobCommand(string Id, string Kind, JobDefinition? Definition = null, string? OffsetFileName = null)
{
    public const string EventName = "control";
    public const string Pause = "pause";
    public const string Resume = "resume";
    public const string Alter = "alter";
    public const string Drop = "drop";
}
