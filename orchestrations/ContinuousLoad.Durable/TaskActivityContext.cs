namespace ContinuousLoad.Durable;

/// <summary>What an activity knows of its call: its name and the orchestration instance that scheduled it.</summary>
public sealed class TaskActivityContext(TaskName name, string instanceId, CancellationToken cancellationToken)
{
    public TaskName Name { get; } = name;

    public string InstanceId { get; } = instanceId;

    /// <summary>Signalled when the worker shuts down or the activity's lease is lost.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;
}
