using ContinuousLoad.Durable;

namespace ContinuousLoad.Testing;

/// <summary>An orchestrator written inline in a test.</summary>
public sealed class InlineOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> body) : TaskOrchestrator<TInput, TOutput>
{
    public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => body(context, input);
}
