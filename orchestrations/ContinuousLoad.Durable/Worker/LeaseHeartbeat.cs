namespace ContinuousLoad.Durable.Worker;

/// <summary>Renews a lease every third of its duration while work runs; says so (and stops) when the lease is lost.</summary>
internal sealed class LeaseHeartbeat : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _beating;

    public LeaseHeartbeat(TimeSpan lease, Func<CancellationToken, Task<bool>> renew, TimeProvider clock)
    {
        _beating = BeatAsync(lease / 3, renew, clock);
    }

    /// <summary>Cancelled when a renewal finds the lease gone.</summary>
    public CancellationToken Lost => _lost.Token;

    private async Task BeatAsync(TimeSpan interval, Func<CancellationToken, Task<bool>> renew, TimeProvider clock)
    {
        try
        {
            while (true)
            {
                await Task.Delay(interval, clock, _stop.Token);
                bool renewed;
                try
                {
                    renewed = await renew(_stop.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The store is unreachable for now: keep the work going, try again next beat.
                    continue;
                }

                if (!renewed)
                {
                    await _lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The work finished.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _beating;
        _stop.Dispose();
        _lost.Dispose();
    }
}
