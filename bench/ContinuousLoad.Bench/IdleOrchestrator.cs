using Microsoft.DurableTask;

namespace ContinuousLoad.Bench;

/// <summary>An eternal orchestration at rest: waits on a 10 s timer and a <c>stop</c> event, then continues as new.</summary>
[DurableTask(Name)]
public sealed class IdleOrchestrator : TaskOrchestrator<int, int>
{
    public const string Name = "Idle";

    public const int TimerSeconds = 10;

    public override async Task<int> RunAsync(TaskOrchestrationContext context, int generation)
    {
        using var timer = new CancellationTokenSource();
        var stop = context.WaitForExternalEvent<string>("stop");
        var winner = await Task.WhenAny(stop, context.CreateTimer(TimeSpan.FromSeconds(TimerSeconds), timer.Token));
        if (winner == stop)
        {
            timer.Cancel();
            return generation;
        }

        context.ContinueAsNew(generation + 1);
        return generation;
    }
}
