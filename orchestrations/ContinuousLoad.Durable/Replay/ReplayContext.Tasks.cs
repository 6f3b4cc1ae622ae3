namespace ContinuousLoad.Durable.Replay;

/// <summary>The actions an orchestrator takes: each records an action under the next id and, where it waits, an open task.</summary>
internal sealed partial class ReplayContext
{
    public override async Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        var policy = options?.Retry?.Policy;
        var serialized = _converter.Serialize(input);
        var firstAttempt = CurrentUtcDateTime;
        for (var failures = 0; ; failures++)
        {
            var outcome = await Schedule(new ScheduleTaskAction(NextActionId(), name, serialized));
            if (outcome.Failure is null)
            {
                return _converter.Deserialize<TResult>(outcome.Result)!;
            }

            var failed = new TaskFailedException(name, outcome.Id, outcome.Failure);
            var outOfTime = policy is not null && policy.RetryTimeout != Timeout.InfiniteTimeSpan && CurrentUtcDateTime - firstAttempt >= policy.RetryTimeout;
            if (policy is null || failures + 1 >= policy.MaxNumberOfAttempts || outOfTime)
            {
                throw failed;
            }

            await CreateTimer(CurrentUtcDateTime + policy.DelayAfter(failures), CancellationToken.None);
        }
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var id = NextActionId();
        var timer = Schedule(new CreateTimerAction(id, fireAt.Kind == DateTimeKind.Utc ? fireAt : DateTime.SpecifyKind(fireAt.ToUniversalTime(), DateTimeKind.Utc)));
        if (cancellationToken.CanBeCanceled)
        {
            // A cancelled timer stops counting as open at once: the instance may finish without it.
            cancellationToken.Register(() =>
            {
                if (_openTasks.Remove(id, out var open))
                {
                    open.TrySetCanceled(cancellationToken);
                }
            });
        }

        return timer;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        if (_buffered.TryGetValue(eventName, out var buffer) && buffer.TryDequeue(out var buffered))
        {
            return Task.FromResult(_converter.Deserialize<T>(buffered.Input)!);
        }

        if (!_waiters.TryGetValue(eventName, out var waiters))
        {
            _waiters[eventName] = waiters = new LinkedList<TaskCompletionSource<string?>>();
        }

        var waiter = new TaskCompletionSource<string?>();
        var node = waiters.AddLast(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            // A cancelled waiter leaves the line at once, so the next event goes to a live one (or the buffer).
            cancellationToken.Register(() =>
            {
                if (node.List is not null)
                {
                    waiters.Remove(node);
                    waiter.TrySetCanceled(cancellationToken);
                }
            });
        }

        return Receive<T>(waiter.Task);
    }

    public override async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var race = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var received = WaitForExternalEvent<T>(eventName, race.Token);
        if (received.IsCompleted)
        {
            return await received;
        }

        var timer = CreateTimer(CurrentUtcDateTime + timeout, race.Token);
        var winner = await Task.WhenAny(received, timer);
        race.Cancel();
        if (winner == received)
        {
            return await received;
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new TaskCanceledException($"No '{eventName}' event arrived within {timeout} (instance {InstanceId}).");
    }

    public override void SendEvent(string instanceId, string eventName, object? payload)
    {
        var id = NextActionId();
        _unmatched.Add(id, new SendEventAction(id, instanceId, eventName, _converter.Serialize(payload)));
    }

    private Task<TaskOutcome> Schedule(OrchestratorAction action)
    {
        _unmatched.Add(action.Id, action);
        var outcome = new TaskCompletionSource<TaskOutcome>();
        _openTasks.Add(action.Id, outcome);
        return outcome.Task;
    }

    private async Task<T> Receive<T>(Task<string?> raw) => _converter.Deserialize<T>(await raw)!;
}
