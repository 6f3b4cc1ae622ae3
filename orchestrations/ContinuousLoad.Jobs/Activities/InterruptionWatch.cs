using ContinuousLoad.Jobs.Statements;

namespace ContinuousLoad.Jobs.Activities;

/// <summary>
/// Stops a running load soon after its job is paused or dropped: the orchestration cannot cancel an
/// activity, so the load looks at the job's published state every <paramref name="interval"/> and
/// cancels itself once the job has marked its task interrupted (or the job is gone). The load then
/// rolls back; the job re-runs the task under the same label on RESUME.
/// </summary>
public sealed class InterruptionWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly CancellationTokenSource _watching = new();
    private readonly Task _loop;

    public InterruptionWatch(JobDirectory jobs, string jobName, string label, TimeSpan interval, CancellationToken activityToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(activityToken);
        _loop = WatchAsync(jobs, jobName, label, interval);
    }

    /// <summary>Cancelled when the activity is, or when the job no longer wants this load.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Whether the job interrupted the load (rather than the host stopping it).</summary>
    public bool Interrupted { get; private set; }

    private async Task WatchAsync(JobDirectory jobs, string jobName, string label, TimeSpan interval)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(interval, _watching.Token);
                if (await jobs.FindAsync(jobName, _watching.Token) is not { } state || state.Interrupted?.Label == label)
                {
                    Interrupted = true;
                    await _stop.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException) when (_watching.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _watching.CancelAsync();
        try
        {
            await _loop;
        }
        finally
        {
            _watching.Dispose();
            _stop.Dispose();
        }
    }
}
