namespace ContinuousLoad.Durable.Stores;

/// <summary>An instance with that id is still running; a finished one may be started again under its id.</summary>
public sealed class InstanceExistsException(string instanceId)
    : InvalidOperationException($"An orchestration instance with ID '{instanceId}' already exists and is not finished.")
{
    public string InstanceId { get; } = instanceId;
}
