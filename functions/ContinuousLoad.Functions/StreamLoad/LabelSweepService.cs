using ContinuousLoad.Functions.Configuration;
using ContinuousLoad.Functions.Tables;
using ContinuousLoad.Ingest.ErrorLogs;

namespace ContinuousLoad.Functions.StreamLoad;

/// <summary>
/// Every <see cref="LabelSettings.CleanInterval"/>: aborts two-phase pre-commits left unresolved past
/// their load's timeout, forgets finished labels older than the retention, and deletes error logs as old.
/// </summary>
public sealed class LabelSweepService(TableStoreProvider stores, ErrorLogFolder errorLogs, ContinuousLoadSettings settings, TimeProvider time,
    ILogger<LabelSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = settings.Labels.CleanInterval;
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                var now = time.GetUtcNow().UtcDateTime;
                var store = await stores.GetAsync(stoppingToken);
                var labels = await store.ExpireLabelsAsync(now, settings.Labels.Retention, stoppingToken);
                var logs = errorLogs.DeleteOlderThan(now, settings.Labels.Retention);
                if (labels + logs > 0)
                {
                    StreamLoadLog.Swept(logger, labels, logs);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                StreamLoadLog.SweepFailed(logger, e, interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
