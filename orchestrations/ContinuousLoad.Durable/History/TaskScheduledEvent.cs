namespace ContinuousLoad.Durable.History;

/// <summary>The orchestrator called an activity; <see cref="HistoryEvent.EventId"/> is the task id.</summary>
public sealed record TaskScheduledEvent(string Name, string? Input) : HistoryEvent;
