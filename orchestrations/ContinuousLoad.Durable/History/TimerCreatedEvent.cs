namespace ContinuousLoad.Durable.History;

/// <summary>The orchestrator set a durable timer; <see cref="HistoryEvent.EventId"/> is the timer id.</summary>
public sealed record TimerCreatedEvent(DateTime FireAt) : HistoryEvent;
