using System.Text.Json.Serialization;

namespace ContinuousLoad.Durable.History;

/// <summary>
/// One entry of an orchestration's history, or a message on its way to it. Persisted as JSON with a
/// <c>type</c> discriminator (the format is versioned with the store's schema); the names follow the
/// Durable Task model.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExecutionStartedEvent), "ExecutionStarted")]
[JsonDerivedType(typeof(ExecutionCompletedEvent), "ExecutionCompleted")]
[JsonDerivedType(typeof(ExecutionTerminatedEvent), "ExecutionTerminated")]
[JsonDerivedType(typeof(ExecutionSuspendedEvent), "ExecutionSuspended")]
[JsonDerivedType(typeof(ExecutionResumedEvent), "ExecutionResumed")]
[JsonDerivedType(typeof(OrchestratorStartedEvent), "OrchestratorStarted")]
[JsonDerivedType(typeof(OrchestratorCompletedEvent), "OrchestratorCompleted")]
[JsonDerivedType(typeof(TaskScheduledEvent), "TaskScheduled")]
[JsonDerivedType(typeof(TaskCompletedEvent), "TaskCompleted")]
[JsonDerivedType(typeof(TaskFailedEvent), "TaskFailed")]
[JsonDerivedType(typeof(TimerCreatedEvent), "TimerCreated")]
[JsonDerivedType(typeof(TimerFiredEvent), "TimerFired")]
[JsonDerivedType(typeof(EventRaisedEvent), "EventRaised")]
[JsonDerivedType(typeof(EventSentEvent), "EventSent")]
public abstract record HistoryEvent
{
    /// <summary>The action id for scheduling events (task, timer, event sent); -1 otherwise.</summary>
    public int EventId { get; init; } = -1;

    public DateTime Timestamp { get; init; }

    /// <summary>The discriminator written to the store's <c>event_type</c> column.</summary>
    [JsonIgnore]
    public string Kind => GetType().Name[..^"Event".Length];
}
