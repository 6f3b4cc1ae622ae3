using ContinuousLoad.Durable;

namespace ContinuousLoad.DurableWorker;

/// <summary>One step: takes its time, then answers with its name.</summary>
public sealed class StepActivity : TaskActivity<StepInput, string>
{
    public const string Name = "Step";

    public override async Task<string> RunAsync(TaskActivityContext context, StepInput input)
    {
        if (input.Milliseconds > 0)
        {
            await Task.Delay(input.Milliseconds, context.CancellationToken);
        }

        return $"done:{input.Name}";
    }
}

public sealed record StepInput(string Name, int Milliseconds);
