using Microsoft.DurableTask;

namespace ContinuousLoad.DurableWorker;

/// <summary>One step: says it runs (a crash test kills the process then), takes its time, answers with its name.</summary>
[DurableTask(Name)]
public sealed class StepActivity : TaskActivity<StepInput, string>
{
    public const string Name = "Step";

    public override async Task<string> RunAsync(TaskActivityContext context, StepInput input)
    {
        Console.Out.WriteLine($"running {input.Name}");
        Console.Out.Flush();
        if (input.Milliseconds > 0)
        {
            await Task.Delay(input.Milliseconds);
        }

        return $"done:{input.Name}";
    }
}

public sealed record StepInput(string Name, int Milliseconds);
