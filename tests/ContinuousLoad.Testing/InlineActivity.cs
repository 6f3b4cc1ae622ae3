using ContinuousLoad.Durable;

namespace ContinuousLoad.Testing;

/// <summary>An activity written inline in a test.</summary>
public sealed class InlineActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> body) : TaskActivity<TInput, TOutput>
{
    public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => body(context, input);
}
