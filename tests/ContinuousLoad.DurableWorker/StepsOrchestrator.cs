using Microsoft.DurableTask;

namespace ContinuousLoad.DurableWorker;

/// <summary>Runs <see cref="StepsInput.Count"/> steps one after another and joins their results.</summary>
[DurableTask(Name)]
public sealed class StepsOrchestrator : TaskOrchestrator<StepsInput, string>
{
    public const string Name = "Steps";

    public override async Task<string> RunAsync(TaskOrchestrationContext context, StepsInput input)
    {
        var results = new List<string>();
        for (var i = 0; i < input.Count; i++)
        {
            results.Add(await context.CallActivityAsync<string>(StepActivity.Name, new StepInput($"{context.InstanceId}/{i}", input.StepMilliseconds)));
            if (input.StallAfterFirstStep && i == 0 && !context.IsReplaying)
            {
                TurnStall.HoldIfAsked();
            }
        }

        return string.Join(",", results);
    }
}

/// <summary>What <see cref="StepsOrchestrator"/> runs: how many steps, how long each takes, and whether a crash test wants a turn held.</summary>
public sealed record StepsInput(int Count, int StepMilliseconds, bool StallAfterFirstStep = false);
