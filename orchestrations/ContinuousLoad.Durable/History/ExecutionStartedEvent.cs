namespace ContinuousLoad.Durable.History;

/// <summary>A new execution of an instance begins with <see cref="Input"/>; the first event of every history.</summary>
public sealed record ExecutionStartedEvent(string Name, string? Input, string ExecutionId) : HistoryEvent;
