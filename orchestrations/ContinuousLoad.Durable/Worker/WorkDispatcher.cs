namespace ContinuousLoad.Durable.Worker;

/// <summary>
/// Takes work items one at a time and runs up to <c>concurrency</c> of them. With nothing to do it
/// waits for the store's signal, backing off from the shortest to the longest polling interval but
/// never sleeping past the next item due. On shutdown it stops taking work and waits for what runs.
/// </summary>
internal sealed class WorkDispatcher<T>(
    int concurrency,
    Func<CancellationToken, Task<T?>> take,
    Func<T, CancellationToken, Task> run,
    Func<Task> signal,
    Func<CancellationToken, Task<DateTime?>> nextDue,
    DurableTaskWorkerOptions options,
    TimeProvider clock,
    Action<Exception> storeFailed)
    where T : class
{
    /// <param name="stopping">Stops taking work.</param>
    /// <param name="abort">Cancels work still running when shutdown gives up waiting.</param>
    public async Task RunAsync(CancellationToken stopping, CancellationToken abort)
    {
        var running = new List<Task>();
        var wait = options.MinPollingInterval;
        while (!stopping.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            if (running.Count >= concurrency)
            {
                await Task.WhenAny(running);
                continue;
            }

            var notified = signal();
            T? item;
            try
            {
                item = await take(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                storeFailed(e);
                item = null;
            }

            if (item is not null)
            {
                wait = options.MinPollingInterval;
                running.Add(Task.Run(() => run(item, abort), CancellationToken.None));
                continue;
            }

            var sleep = await SleepAsync(wait, stopping);
            await Task.WhenAny([notified, Task.Delay(sleep, clock, stopping), .. running]);
            wait = wait * 2 > options.MaxPollingInterval ? options.MaxPollingInterval : wait * 2;
        }

        await Task.WhenAll(running);
    }

    /// <summary>The back-off, but no longer than until the next item becomes due.</summary>
    private async Task<TimeSpan> SleepAsync(TimeSpan backoff, CancellationToken stopping)
    {
        try
        {
            if (await nextDue(stopping) is { } due)
            {
                var until = due - clock.GetUtcNow().UtcDateTime;
                return until < backoff ? (until < TimeSpan.Zero ? TimeSpan.Zero : until) : backoff;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            storeFailed(e);
        }

        return backoff;
    }
}
