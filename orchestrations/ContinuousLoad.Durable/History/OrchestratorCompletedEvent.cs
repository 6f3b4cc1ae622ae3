namespace ContinuousLoad.Durable.History;

/// <summary>A turn ended; what follows came later.</summary>
public sealed record OrchestratorCompletedEvent : HistoryEvent;
