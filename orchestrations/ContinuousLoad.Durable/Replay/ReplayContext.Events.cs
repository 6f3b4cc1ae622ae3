using ContinuousLoad.Durable.History;

namespace ContinuousLoad.Durable.Replay;

/// <summary>Feeding history to the context: each event moves the execution on, then its continuations run.</summary>
internal sealed partial class ReplayContext
{
    private DateTime _now;
    private bool _replaying;

    /// <summary>Applies one event (past ones with <paramref name="replaying"/>) and runs the orchestrator as far as it can go.</summary>
    /// <exception cref="NonDeterministicOrchestrationException">The event does not match what the orchestrator did.</exception>
    public void Apply(HistoryEvent historyEvent, bool replaying)
    {
        _replaying = replaying;
        if (Terminated)
        {
            return;
        }

        if (Suspended && historyEvent is not (ExecutionResumedEvent or ExecutionTerminatedEvent or OrchestratorStartedEvent or OrchestratorCompletedEvent))
        {
            _held.Add(historyEvent);
            return;
        }

        _scheduler.Run(() => ApplyCore(historyEvent));
    }

    private void ApplyCore(HistoryEvent historyEvent)
    {
        switch (historyEvent)
        {
            case OrchestratorStartedEvent started:
                _now = started.Timestamp;
                break;
            case ExecutionStartedEvent started:
                _input = started.Input;
                _run = _orchestrator.RunAsync(this, _converter.Deserialize(started.Input, _orchestrator.InputType));
                break;
            case TaskScheduledEvent scheduled:
                Match(scheduled.EventId, a => a is ScheduleTaskAction task && task.Name.Equals(new TaskName(scheduled.Name)), $"activity '{scheduled.Name}'");
                break;
            case TimerCreatedEvent timer:
                Match(timer.EventId, a => a is CreateTimerAction, "timer");
                break;
            case EventSentEvent sent:
                Match(sent.EventId, a => a is SendEventAction send && send.Name == sent.Name && send.InstanceId == sent.InstanceId,
                    $"event '{sent.Name}' sent to '{sent.InstanceId}'");
                break;
            case TaskCompletedEvent completed:
                Complete(completed.TaskScheduledId, new TaskOutcome(completed.TaskScheduledId, completed.Result, null));
                break;
            case TaskFailedEvent failed:
                Complete(failed.TaskScheduledId, new TaskOutcome(failed.TaskScheduledId, null, failed.FailureDetails));
                break;
            case TimerFiredEvent fired:
                Complete(fired.TimerId, new TaskOutcome(fired.TimerId, null, null));
                break;
            case EventRaisedEvent raised:
                Deliver(raised.Name, raised.Input);
                break;
            case ExecutionSuspendedEvent:
                Suspended = true;
                break;
            case ExecutionResumedEvent:
                Resume();
                break;
            case ExecutionTerminatedEvent terminated:
                Terminated = true;
                TerminationReason = terminated.Reason;
                break;
        }
    }

    /// <summary>A scheduling event from history must be the action the orchestrator took with the same id.</summary>
    private void Match(int id, Func<OrchestratorAction, bool> same, string what)
    {
        if (_unmatched.Remove(id, out var action) && same(action))
        {
            return;
        }

        throw new NonDeterministicOrchestrationException(
            $"Non-deterministic orchestration '{Name}' ({InstanceId}): history has {what} as action #{id}, but replay " +
            (action is null ? "took no action with that id" : $"took {Describe(action)}") +
            ". Orchestrator code must take the same actions in the same order on every replay.");
    }

    private static string Describe(OrchestratorAction action) => action switch
    {
        ScheduleTaskAction task => $"activity '{task.Name}'",
        CreateTimerAction => "a timer",
        SendEventAction send => $"event '{send.Name}' sent to '{send.InstanceId}'",
        _ => action.GetType().Name,
    };

    /// <summary>Finishes an open activity or timer; an outcome for nothing open (a duplicate, a cancelled timer) is ignored.</summary>
    private void Complete(int id, TaskOutcome outcome)
    {
        if (_openTasks.Remove(id, out var task))
        {
            task.TrySetResult(outcome);
        }
    }

    private void Deliver(string name, string? input)
    {
        if (_waiters.TryGetValue(name, out var waiters) && waiters.First is { } first)
        {
            waiters.RemoveFirst();
            first.Value.TrySetResult(input);
            return;
        }

        if (!_buffered.TryGetValue(name, out var buffer))
        {
            _buffered[name] = buffer = new Queue<(long, string?)>();
        }

        buffer.Enqueue((_arrivals++, input));
    }

    private void Resume()
    {
        Suspended = false;
        var held = _held.ToList();
        _held.Clear();
        foreach (var historyEvent in held)
        {
            if (Suspended)
            {
                _held.Add(historyEvent);
                continue;
            }

            ApplyCore(historyEvent);
        }
    }
}
