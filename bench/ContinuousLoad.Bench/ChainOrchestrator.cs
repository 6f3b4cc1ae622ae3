using Microsoft.DurableTask;

namespace ContinuousLoad.Bench;

/// <summary>Calls the no-op activity <c>count</c> times, one after another: one round trip each.</summary>
[DurableTask(Name)]
public sealed class ChainOrchestrator : TaskOrchestrator<int, int>
{
    public const string Name = "Chain";

    public override async Task<int> RunAsync(TaskOrchestrationContext context, int count)
    {
        var total = 0;
        for (var i = 0; i < count; i++)
        {
            total += await context.CallActivityAsync<int>(NoOpActivity.Name, i);
        }

        return total;
    }
}

/// <summary>Answers at once.</summary>
[DurableTask(Name)]
public sealed class NoOpActivity : TaskActivity<int, int>
{
    public const string Name = "NoOp";

    public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input);
}
