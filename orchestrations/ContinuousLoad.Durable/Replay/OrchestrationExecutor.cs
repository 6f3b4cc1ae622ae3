using ContinuousLoad.Durable.History;
using Microsoft.Extensions.Logging;

namespace ContinuousLoad.Durable.Replay;

/// <summary>
/// Runs one turn of an instance: replays the execution's history, applies the new events, and turns
/// what the orchestrator did into a <see cref="TurnResult"/>. A continue-as-new starts the next
/// execution in the same turn (at most <see cref="MaxExecutionsPerTurn"/> times).
/// </summary>
public sealed class OrchestrationExecutor(Func<TaskName, ITaskOrchestrator?> orchestrators, DataConverter converter, ILoggerFactory loggers)
{
    public const int MaxExecutionsPerTurn = 20;

    /// <param name="executionId">The current execution.</param>
    /// <param name="past">The execution's history so far (empty for a new one).</param>
    /// <param name="newEvents">The messages this turn delivers, in arrival order.</param>
    /// <param name="now">The store's clock: the turn's <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>.</param>
    /// <param name="newExecutionId">Makes the id of an execution started by continue-as-new.</param>
    public TurnResult Execute(string instanceId, string executionId, IReadOnlyList<HistoryEvent> past, IReadOnlyList<HistoryEvent> newEvents, DateTime now,
        Func<string> newExecutionId)
    {
        var sent = new List<OrchestratorAction>();
        string? input = null;
        for (var execution = 0; ; execution++)
        {
            var generation = RunExecution(instanceId, past, newEvents, now);
            if (generation.Status != OrchestrationRuntimeStatus.ContinuedAsNew)
            {
                return generation with
                {
                    ExecutionId = executionId,
                    NewExecution = execution > 0,
                    Input = input,
                    Actions = [.. sent, .. generation.Actions],
                };
            }

            sent.AddRange(generation.Actions.OfType<SendEventAction>());
            var started = (ExecutionStartedEvent)newEvents.Concat(past).First(e => e is ExecutionStartedEvent);
            executionId = newExecutionId();
            input = generation.Input;
            IReadOnlyList<HistoryEvent> next =
            [
                new ExecutionStartedEvent(started.Name, input, executionId) { Timestamp = now },
                .. generation.SelfMessages,
            ];
            if (execution + 1 == MaxExecutionsPerTurn)
            {
                // Still continuing as new: leave the next execution to a later turn.
                return generation with
                {
                    ExecutionId = executionId,
                    NewExecution = true,
                    Input = input,
                    History = [],
                    Actions = sent,
                    SelfMessages = next,
                    Status = OrchestrationRuntimeStatus.Running,
                };
            }

            past = [];
            newEvents = next;
        }
    }

    private TurnResult RunExecution(string instanceId, IReadOnlyList<HistoryEvent> past, IReadOnlyList<HistoryEvent> newEvents, DateTime now)
    {
        var started = past.Concat(newEvents).OfType<ExecutionStartedEvent>().FirstOrDefault();
        var history = new List<HistoryEvent> { new OrchestratorStartedEvent { Timestamp = now } };
        history.AddRange(newEvents);
        if (started is null)
        {
            // A request that reached an instance before its start (terminate while pending): nothing runs.
            var terminated = newEvents.OfType<ExecutionTerminatedEvent>().FirstOrDefault();
            return Finish(history, now, terminated is null ? OrchestrationRuntimeStatus.Pending : OrchestrationRuntimeStatus.Terminated,
                terminated?.Reason, null, null);
        }

        var orchestrator = orchestrators(started.Name);
        if (orchestrator is null)
        {
            return Finish(history, now, OrchestrationRuntimeStatus.Failed, null, null,
                new TaskFailureDetails("OrchestratorNotFound", $"No orchestrator named '{started.Name}' is registered with this worker."));
        }

        var context = new ReplayContext(started.Name, instanceId, orchestrator, converter, loggers);
        try
        {
            foreach (var historyEvent in past)
            {
                context.Apply(historyEvent, replaying: true);
            }

            context.Apply(history[0], replaying: false);
            foreach (var historyEvent in newEvents)
            {
                context.Apply(historyEvent, replaying: false);
            }
        }
        catch (NonDeterministicOrchestrationException e)
        {
            return Finish(history, now, OrchestrationRuntimeStatus.Failed, null, context.CustomStatus, TaskFailureDetails.FromException(e));
        }

        if (context.AwaitsSomethingElse && !context.Terminated)
        {
            return Finish(history, now, OrchestrationRuntimeStatus.Failed, null, context.CustomStatus, TaskFailureDetails.FromException(
                new NonDeterministicOrchestrationException(
                    $"Orchestration '{started.Name}' ({instanceId}) awaited something that is not a durable task (Task.Delay, Task.Run, I/O, " +
                    "CancellationTokenSource.CancelAsync, ConfigureAwait(false)): use the context's timers and activities, and Cancel().")));
        }

        return Decide(context, history, now);
    }

    /// <summary>Turns the context's state after the new events into the execution's status and this turn's decisions.</summary>
    private TurnResult Decide(ReplayContext context, List<HistoryEvent> history, DateTime now)
    {
        if (context.Terminated)
        {
            return Finish(history, now, OrchestrationRuntimeStatus.Terminated, context.TerminationReason, context.CustomStatus, null);
        }

        var run = context.Run;
        if (run is { IsFaulted: true } or { IsCanceled: true })
        {
            var error = run.Exception?.InnerException ?? new TaskCanceledException("The orchestrator's task was cancelled.");
            return Finish(history, now, OrchestrationRuntimeStatus.Failed, null, context.CustomStatus, TaskFailureDetails.FromException(error));
        }

        var actions = context.NewActions.ToList();
        history.AddRange(actions.Select(action => ScheduledEvent(action, now)));

        if (run is { IsCompletedSuccessfully: true } && context.ContinueAsNewRequest is { } next)
        {
            var carried = next.PreserveEvents
                ? context.UnconsumedEvents().Select(e => (HistoryEvent)new EventRaisedEvent(e.Name, e.Input) { Timestamp = now }).ToList()
                : [];
            return Finish(history, now, OrchestrationRuntimeStatus.ContinuedAsNew, null, context.CustomStatus, null) with
            {
                Actions = actions,
                Input = next.Input,
                SelfMessages = carried,
            };
        }

        if (run is { IsCompletedSuccessfully: true } && context.OpenTasks == 0)
        {
            return Finish(history, now, OrchestrationRuntimeStatus.Completed, converter.Serialize(run.Result), context.CustomStatus, null) with { Actions = actions };
        }

        history.Add(new OrchestratorCompletedEvent { Timestamp = now });
        return new TurnResult
        {
            ExecutionId = "",
            History = history,
            Actions = actions,
            Status = context.Suspended ? OrchestrationRuntimeStatus.Suspended : OrchestrationRuntimeStatus.Running,
            CustomStatus = context.CustomStatus,
        };
    }

    /// <summary>A turn that ends the execution as failed without running it (a poison message).</summary>
    public static TurnResult Fail(string executionId, DateTime now, TaskFailureDetails failure) =>
        Finish([new OrchestratorStartedEvent { Timestamp = now }], now, OrchestrationRuntimeStatus.Failed, null, null, failure) with { ExecutionId = executionId };

    private static TurnResult Finish(List<HistoryEvent> history, DateTime now, OrchestrationRuntimeStatus status, string? output, string? customStatus,
        TaskFailureDetails? failure)
    {
        if (status != OrchestrationRuntimeStatus.Pending)
        {
            history.Add(new ExecutionCompletedEvent(status, output, failure) { Timestamp = now });
        }

        history.Add(new OrchestratorCompletedEvent { Timestamp = now });
        return new TurnResult
        {
            ExecutionId = "",
            History = history,
            Actions = [],
            Status = status,
            Output = output,
            CustomStatus = customStatus,
            Failure = failure,
        };
    }

    private static HistoryEvent ScheduledEvent(OrchestratorAction action, DateTime now) => action switch
    {
        ScheduleTaskAction task => new TaskScheduledEvent(task.Name.Name, task.Input) { EventId = task.Id, Timestamp = now },
        CreateTimerAction timer => new TimerCreatedEvent(timer.FireAt) { EventId = timer.Id, Timestamp = now },
        SendEventAction send => new EventSentEvent(send.InstanceId, send.Name, send.Input) { EventId = send.Id, Timestamp = now },
        _ => throw new InvalidOperationException($"Unknown action {action.GetType().Name}"),
    };
}
