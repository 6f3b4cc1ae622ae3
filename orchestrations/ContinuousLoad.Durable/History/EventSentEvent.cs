namespace ContinuousLoad.Durable.History;

/// <summary>The orchestrator sent an event to another instance; <see cref="HistoryEvent.EventId"/> is the action id.</summary>
public sealed record EventSentEvent(string InstanceId, string Name, string? Input) : HistoryEvent;
