using ContinuousLoad.Durable.Stores;
using ContinuousLoad.Durable.Worker;

namespace ContinuousLoad.Functions.Jobs;

/// <summary>
/// Prepares the durable store (schema scripts) and runs the worker that drives every streaming job.
/// A store that is not reachable yet (PostgreSQL still starting) is retried, so the host still serves.
/// </summary>
public sealed class DurableRuntimeService(IDurableStore store, DurableTaskWorker worker, ILogger<DurableRuntimeService> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await store.InitializeAsync(stoppingToken);
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                JobHostLog.StoreUnavailable(logger, e, store.Kind, RetryDelay.TotalSeconds);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }

        // The worker's own loop catches what its work items throw; should the loop itself fail, it is
        // logged and started again, so one fault never leaves the host serving without its jobs.
        while (!stoppingToken.IsCancellationRequested)
        {
            await worker.StartAsync(stoppingToken);
            try
            {
                await (worker.ExecuteTask ?? Task.CompletedTask).WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                JobHostLog.WorkerFailed(logger, e, RetryDelay.TotalSeconds);
            }

            await worker.StopAsync(CancellationToken.None);
            await Task.Delay(RetryDelay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await worker.StopAsync(CancellationToken.None);
    }
}
