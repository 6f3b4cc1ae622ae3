namespace ContinuousLoad.Durable.History;

/// <summary>A request to end the instance at once, whatever it waits for (an instance-scoped message); <see cref="Reason"/> is the serialized output.</summary>
public sealed record ExecutionTerminatedEvent(string? Reason) : HistoryEvent;
