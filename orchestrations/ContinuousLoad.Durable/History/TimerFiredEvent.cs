namespace ContinuousLoad.Durable.History;

/// <summary>A durable timer's time came.</summary>
public sealed record TimerFiredEvent(int TimerId, DateTime FireAt) : HistoryEvent;
