using ContinuousLoad.Functions.Configuration;

namespace ContinuousLoad.Functions.StreamLoad;

/// <summary>The standalone host's label sweep: <see cref="LabelSweep"/> at start and every <see cref="LabelSettings.CleanInterval"/>.</summary>
public sealed class LabelSweepService(LabelSweep sweep, ContinuousLoadSettings settings, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Labels.CleanInterval, time);
        do
        {
            await sweep.RunAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
