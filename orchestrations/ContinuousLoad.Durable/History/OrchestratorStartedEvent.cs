namespace ContinuousLoad.Durable.History;

/// <summary>A turn begins; its timestamp is the orchestrator's clock for the turn.</summary>
public sealed record OrchestratorStartedEvent : HistoryEvent;
