using System.Text.Json.Serialization;

namespace ContinuousLoad.Jobs.Orchestration;

/// <summary>A job's states as <c>jobs().Status</c> shows them (spec B.10, in capitals); STOPPED only while a dropped job winds down.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobStatus>))]
public enum JobStatus
{
    Pending,
    Running,
    Paused,
    Stopped,
}
