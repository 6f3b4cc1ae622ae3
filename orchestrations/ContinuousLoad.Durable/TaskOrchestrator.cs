namespace ContinuousLoad.Durable;

/// <summary>An orchestrator as the runtime drives it: input and output already in their serialized form's types.</summary>
public interface ITaskOrchestrator
{
    Type InputType { get; }

    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}

/// <summary>
/// A durable orchestration: replayed from history, so it must be deterministic — no clock, GUIDs,
/// randomness, I/O or <c>ConfigureAwait(false)</c>; use the context's clock, <c>NewGuid</c>, timers and activities.
/// </summary>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    public Type InputType => typeof(TInput);

    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, input is null ? default! : (TInput)input);
}
