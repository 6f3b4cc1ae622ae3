namespace ContinuousLoad.Durable.History;

/// <summary>A request to let a suspended instance go on with the events it held.</summary>
public sealed record ExecutionResumedEvent(string? Reason) : HistoryEvent;
