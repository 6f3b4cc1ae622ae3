namespace ContinuousLoad.Durable.History;

/// <summary>An activity returned.</summary>
public sealed record TaskCompletedEvent(int TaskScheduledId, string? Result) : HistoryEvent;
