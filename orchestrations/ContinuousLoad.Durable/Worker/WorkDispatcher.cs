using ContinuousLoad.Durable.Stores;

namespace ContinuousLoad.Durable.Worker;

/// <summary>
/// Takes work items one at a time and runs up to <c>concurrency</c> of them. With nothing to do it
/// waits for the store's signal, backing off from the shortest to the longest polling interval but
/// never sleeping past the next item due — including work that its own items create (a turn's new
/// timer), which wakes it early. On shutdown it stops taking work and waits for what runs.
/// </summary>
/// <param name="run">Runs an item; returns when the earliest work it created becomes due, if any.</param>
internal sealed class WorkDispatcher<T>(
    int concurrency,
    Func<CancellationToken, Task<T?>> take,
    Func<T, CancellationToken, Task<DateTime?>> run,
    Func<Task> signal,
    Func<CancellationToken, Task<DateTime?>> nextDue,
    DurableTaskWorkerOptions options,
    TimeProvider clock,
    Action<Exception> storeFailed)
    where T : class
{
    private readonly AsyncSignal _sooner = new();
    private long _wakeAtTicks;
    private long _createdDueTicks = long.MaxValue;

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
            var sooner = _sooner.Next;
            Interlocked.Exchange(ref _wakeAtTicks, 0);
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
                running.Add(Task.Run(() => RunItemAsync(item, abort), CancellationToken.None));
                continue;
            }

            var sleep = await SleepAsync(wait, stopping);
            var now = clock.GetUtcNow().UtcDateTime;
            Interlocked.Exchange(ref _wakeAtTicks, (now + sleep).Ticks);

            // Work created while this was being planned is due sooner?
            var created = Interlocked.Exchange(ref _createdDueTicks, long.MaxValue);
            if (created < (now + sleep).Ticks)
            {
                sleep = UntilJustAfter(new DateTime(created, DateTimeKind.Utc));
                Interlocked.Exchange(ref _wakeAtTicks, created);
            }

            await Task.WhenAny(notified, sooner, Task.Delay(sleep, clock, stopping));
            wait = wait * 2 > options.MaxPollingInterval ? options.MaxPollingInterval : wait * 2;
        }

        await Task.WhenAll(running);
    }

    /// <summary>Runs the item; when what it created is due before the planned wake-up, wakes the loop then instead.</summary>
    private async Task RunItemAsync(T item, CancellationToken abort)
    {
        if (await run(item, abort) is not { } due)
        {
            return;
        }

        var ticks = due.Ticks;
        var seen = Interlocked.Read(ref _createdDueTicks);
        while (ticks < seen && Interlocked.CompareExchange(ref _createdDueTicks, ticks, seen) != seen)
        {
            seen = Interlocked.Read(ref _createdDueTicks);
        }

        // Zero while the loop is planning: it reads the created time itself before it sleeps.
        var wakeAt = Interlocked.Read(ref _wakeAtTicks);
        if (wakeAt != 0 && ticks < wakeAt)
        {
            _sooner.Pulse();
        }
    }

    /// <summary>The back-off, but no longer than until the next item becomes due.</summary>
    private async Task<TimeSpan> SleepAsync(TimeSpan backoff, CancellationToken stopping)
    {
        try
        {
            if (await nextDue(stopping) is { } due)
            {
                var until = UntilJustAfter(due);
                return until < backoff ? until : backoff;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            storeFailed(e);
        }

        return backoff;
    }

    /// <summary>
    /// Time until just past <paramref name="due"/>: timers tick in whole milliseconds and may fire up to one
    /// early, and waking before the item is visible would only find nothing and look again.
    /// </summary>
    private TimeSpan UntilJustAfter(DateTime due)
    {
        var until = (due - clock.GetUtcNow().UtcDateTime).TotalMilliseconds;
        return until <= 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Ceiling(until) + 1);
    }
}
