namespace ContinuousLoad.Durable;

/// <summary>Where an orchestration instance stands (stored by name).</summary>
public enum OrchestrationRuntimeStatus
{
    Running,
    Completed,
    ContinuedAsNew,
    Failed,
    Canceled,
    Terminated,
    Pending,
    Suspended,
}
