namespace ContinuousLoad.Durable.History;

/// <summary>An external event arrived (an instance-scoped message).</summary>
public sealed record EventRaisedEvent(string Name, string? Input) : HistoryEvent;
