using System.Text.Json.Serialization;

namespace ContinuousLoad.Jobs.Orchestration;

/// <summary>A task's states as <c>tasks().Status</c> shows them (in capitals).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobTaskStatus>))]
public enum JobTaskStatus
{
    Running,
    Success,
    Failed,
    Canceled,
}
