using Microsoft.Extensions.Logging;

namespace ContinuousLoad.Durable;

/// <summary>
/// What an orchestrator sees of the world: a replayed clock, activities, durable timers, external
/// events and messages. Every call is recorded in history and matched on replay, so the same code
/// path must run every time.
/// </summary>
public abstract class TaskOrchestrationContext
{
    public abstract TaskName Name { get; }

    public abstract string InstanceId { get; }

    /// <summary>The time the current turn started (the store's clock), the same on every replay.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while past events are replayed; false once new work is being decided.</summary>
    public abstract bool IsReplaying { get; }

    public abstract T? GetInput<T>();

    public abstract Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null);

    public Task CallActivityAsync(TaskName name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) => CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Waits for the event at most <paramref name="timeout"/>; throws <see cref="TaskCanceledException"/> when it does not come.</summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default);

    public abstract void SendEvent(string instanceId, string eventName, object? payload);

    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>Ends this execution and starts the instance afresh with <paramref name="newInput"/> and an empty history.</summary>
    /// <param name="preserveUnprocessedEvents">Carry external events not yet received into the new execution.</param>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A GUID that is the same on every replay (UUIDv5 of the instance, the turn's time and a counter).</summary>
    public abstract Guid NewGuid();

    /// <summary>A logger that stays quiet while replaying, so each line is written once.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);

    public ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T).FullName ?? typeof(T).Name);
}
