using ContinuousLoad.Functions.Configuration;
using ContinuousLoad.Functions.Tables;
using ContinuousLoad.Ingest.ErrorLogs;

namespace ContinuousLoad.Functions.StreamLoad;

/// <summary>
/// One sweep: aborts two-phase pre-commits left unresolved past their load's timeout, forgets finished labels older
/// than the retention, and deletes error logs as old. The standalone host runs it every
/// <see cref="LabelSettings.CleanInterval"/> (<see cref="LabelSweepService"/>), the Functions host on its timer
/// (<see cref="LabelSweepFunction"/>).
/// </summary>
public sealed class LabelSweep(TableStoreProvider stores, ErrorLogFolder errorLogs, ContinuousLoadSettings settings, TimeProvider time, ILogger<LabelSweep> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = time.GetUtcNow().UtcDateTime;
            var store = await stores.GetAsync(cancellationToken);
            var labels = await store.ExpireLabelsAsync(now, settings.Labels.Retention, cancellationToken);
            var logs = errorLogs.DeleteOlderThan(now, settings.Labels.Retention);
            if (labels + logs > 0)
            {
                StreamLoadLog.Swept(logger, labels, logs);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            StreamLoadLog.SweepFailed(logger, e, settings.Labels.CleanInterval);
        }
    }
}
