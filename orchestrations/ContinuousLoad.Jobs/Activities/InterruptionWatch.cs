using ContinuousLoad.Jobs.Orchestration;
using ContinuousLoad.Jobs.Statements;

namespace ContinuousLoad.Jobs.Activities;

/// <summary>
/// Stops a running load soon after its job is paused or dropped: the orchestration cannot cancel an
/// activity, so the load looks at the job's published state when it starts and every
/// <paramref name="interval"/> after, and cancels itself once the job has marked its task interrupted,
/// has started a later load (<see cref="JobState.LoadAttempt"/>: this one started too late to matter), or
/// is gone. The load then rolls back; the job re-runs the task under the same label on RESUME.
/// </summary>
public sealed class InterruptionWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly CancellationTokenSource _watching = new();
    private readonly Task _loop;

    public InterruptionWatch(JobDirectory jobs, string jobName, string label, long attempt, TimeSpan interval, CancellationToken activityToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(activityToken);
        _loop = WatchAsync(jobs, jobName, label, attempt, interval);
    }

    /// <summary>Cancelled when the activity is, or when the job no longer wants this load.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Whether the job interrupted the load (rather than the host stopping it).</summary>
    public bool Interrupted { get; private set; }

    /// <summary>
    /// A lookup that fails (the durable client busy or restarting) says nothing about the job, and one that finds no
    /// job may have caught it between two executions: the load stops only on what the job says, or when it is gone
    /// twice in a row.
    /// </summary>
    private async Task WatchAsync(JobDirectory jobs, string jobName, string label, long attempt, TimeSpan interval)
    {
        var gone = 0;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                JobState? state;
                try
                {
                    state = await jobs.FindAsync(jobName, _watching.Token);
                    gone = state is null ? gone + 1 : 0;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    state = null;
                }

                if (gone >= 2 || state is not null && (state.Interrupted?.Label == label || state.LoadAttempt > attempt))
                {
                    Interrupted = true;
                    await _stop.CancelAsync();
                    return;
                }

                await Task.Delay(interval, _watching.Token);
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
