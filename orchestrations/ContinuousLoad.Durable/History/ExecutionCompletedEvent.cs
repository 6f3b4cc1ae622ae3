namespace ContinuousLoad.Durable.History;

/// <summary>The execution ended: completed, failed, or continued as new.</summary>
public sealed record ExecutionCompletedEvent(OrchestrationRuntimeStatus Status, string? Result, TaskFailureDetails? FailureDetails) : HistoryEvent;
