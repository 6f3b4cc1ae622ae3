namespace ContinuousLoad.Durable.History;

/// <summary>A request to hold the instance: later events wait until it is resumed.</summary>
public sealed record ExecutionSuspendedEvent(string? Reason) : HistoryEvent;
