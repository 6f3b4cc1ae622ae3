namespace ContinuousLoad.Durable.History;

/// <summary>An activity threw (or could not run).</summary>
public sealed record TaskFailedEvent(int TaskScheduledId, TaskFailureDetails FailureDetails) : HistoryEvent;
