using System.Text.Json.Serialization;

namespace ContinuousLoad.Jobs.Orchestration;

/// <summary>A job's states as <c>jobs().Status</c> shows them (spec B.10, in capitals); STOPPED only while a dropped job winds down.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobStatus>))]
public enum JobStatus
{
    Pending,
    Running,
    Paused,

    /// <summary>The source has ended (a CDC job with <c>offset = snapshot</c> after its last range); only DROP applies.</summary>
    Finished,
    Stopped,
}
