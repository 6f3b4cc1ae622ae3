using ContinuousLoad.Durable;
using ContinuousLoad.Durable.History;
using ContinuousLoad.Durable.Replay;
using ContinuousLoad.Testing;
using static ContinuousLoad.Tests.Durable.TurnDriver;

namespace ContinuousLoad.Tests.Durable;

/// <summary>The replay engine on hand-built histories: matching, completions, events, timers, suspension, termination.</summary>
public sealed class ReplayTests
{
    private static readonly InlineOrchestrator<string, string> Greeter = new(async (context, name) =>
    {
        var first = await context.CallActivityAsync<string>("Hello", name);
        var second = await context.CallActivityAsync<string>("Hello", first);
        return second;
    });

    [Fact]
    public void A_first_turn_records_the_start_and_schedules_the_first_activity()
    {
        var driver = new TurnDriver(Greeter);

        var turn = driver.Start("ann");

        Assert.Equal(OrchestrationRuntimeStatus.Running, turn.Status);
        Assert.Equal([new ScheduleTaskAction(0, "Hello", Json("ann"))], turn.Actions);
        Assert.Equal(["OrchestratorStarted", "ExecutionStarted", "TaskScheduled", "OrchestratorCompleted"], turn.History.Select(e => e.Kind));
        Assert.Equal(0, turn.History[2].EventId);
    }

    [Fact]
    public void Completions_drive_the_orchestrator_to_its_output()
    {
        var driver = new TurnDriver(Greeter);
        driver.Start("ann");

        var second = driver.Run(new TaskCompletedEvent(0, Json("hello ann")));
        var last = driver.Run(new TaskCompletedEvent(1, Json("hello hello ann")));

        Assert.Equal([new ScheduleTaskAction(1, "Hello", Json("hello ann"))], second.Actions);
        Assert.Equal((OrchestrationRuntimeStatus.Completed, Json("hello hello ann")), (last.Status, last.Output));
        Assert.Empty(last.Actions);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, ((ExecutionCompletedEvent)last.History[^2]).Status);
    }

    [Fact]
    public void A_duplicate_completion_is_ignored()
    {
        var driver = new TurnDriver(Greeter);
        driver.Start("ann");
        driver.Run(new TaskCompletedEvent(0, Json("a")));

        var again = driver.Run(new TaskCompletedEvent(0, Json("a")));

        Assert.Equal(OrchestrationRuntimeStatus.Running, again.Status);
        Assert.Empty(again.Actions);
    }

    [Fact]
    public void History_that_replay_does_not_reproduce_fails_the_instance_as_non_deterministic()
    {
        var driver = new TurnDriver(Greeter);
        driver.Start("ann");
        driver.History[2] = new TaskScheduledEvent("Goodbye", Json("ann")) { EventId = 0 };

        var turn = driver.Run(new TaskCompletedEvent(0, Json("x")));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, turn.Status);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, turn.Failure!.ErrorType);
        Assert.Contains("history has activity 'Goodbye' as action #0, but replay took activity 'Hello'", turn.Failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_activity_failure_surfaces_as_TaskFailedException_and_unhandled_fails_the_instance()
    {
        var caught = new InlineOrchestrator<string, string>(async (context, _) =>
        {
            try
            {
                return await context.CallActivityAsync<string>("Flaky");
            }
            catch (TaskFailedException e)
            {
                return $"{e.TaskName}#{e.TaskId}: {e.FailureDetails.ErrorMessage}";
            }
        });
        var handled = new TurnDriver(caught);
        handled.Start();
        var unhandled = new TurnDriver(Greeter);
        unhandled.Start("x");
        var failure = new TaskFailureDetails("System.IO.IOException", "disk gone");

        var recovered = handled.Run(new TaskFailedEvent(0, failure));
        var failed = unhandled.Run(new TaskFailedEvent(0, failure));

        Assert.Equal(Json("Flaky#0: disk gone"), recovered.Output);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.Status);
        Assert.Equal(typeof(TaskFailedException).FullName, failed.Failure!.ErrorType);
        Assert.Equal(failure, failed.Failure.InnerFailure);
    }

    [Fact]
    public void A_retry_policy_waits_on_durable_timers_between_attempts()
    {
        var policy = new RetryPolicy(3, TimeSpan.FromSeconds(10), backoffCoefficient: 2);
        var driver = new TurnDriver(new InlineOrchestrator<string, string>((context, _) =>
            context.CallActivityAsync<string>("Flaky", null, TaskOptions.FromRetryPolicy(policy))));
        driver.Start();
        var failure = new TaskFailureDetails("E", "no");

        var firstRetry = driver.Run(new TaskFailedEvent(0, failure));
        var secondAttempt = driver.Run(new TimerFiredEvent(1, default));
        var secondRetry = driver.Run(new TaskFailedEvent(2, failure));
        driver.Run(new TimerFiredEvent(3, default));
        var gaveUp = driver.Run(new TaskFailedEvent(4, failure));

        Assert.Equal(driver.History.OfType<OrchestratorStartedEvent>().ElementAt(1).Timestamp + TimeSpan.FromSeconds(10),
            ((CreateTimerAction)firstRetry.Actions.Single()).FireAt);
        Assert.IsType<ScheduleTaskAction>(secondAttempt.Actions.Single());
        Assert.Equal(driver.History.OfType<OrchestratorStartedEvent>().ElementAt(3).Timestamp + TimeSpan.FromSeconds(20),
            ((CreateTimerAction)secondRetry.Actions.Single()).FireAt);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, gaveUp.Status);
    }

    [Fact]
    public void The_clock_is_each_turns_start_on_every_replay()
    {
        var seen = new List<DateTime>();
        var driver = new TurnDriver(new InlineOrchestrator<string, string>(async (context, _) =>
        {
            seen.Add(context.CurrentUtcDateTime);
            await context.CreateTimer(TimeSpan.FromMinutes(5), CancellationToken.None);
            seen.Add(context.CurrentUtcDateTime);
            return "done";
        }));

        var first = driver.Start();
        driver.Run(new TimerFiredEvent(0, Epoch.AddMinutes(5)));

        Assert.Equal(Epoch.AddMinutes(5), ((CreateTimerAction)first.Actions.Single()).FireAt);
        Assert.Equal([Epoch, Epoch, Epoch.AddSeconds(1)], seen);
    }

    [Fact]
    public void NewGuid_is_a_name_based_uuid_that_replays_identically()
    {
        var made = new List<Guid>();
        var driver = new TurnDriver(new InlineOrchestrator<string, string>(async (context, _) =>
        {
            made.Add(context.NewGuid());
            await context.CallActivityAsync("Step");
            return "done";
        }));

        driver.Start();
        driver.Run(new TaskCompletedEvent(0, null));

        Assert.Equal(made[0], made[1]);
        Assert.Equal(Guid.Parse("d7e5d9f1-6bc7-5485-8a03-e5d024cc48f8"), made[0]);
    }

    [Fact]
    public void An_unknown_orchestrator_fails_with_a_clear_reason()
    {
        var driver = new TurnDriver(Greeter);

        var turn = driver.Start(name: "Nope");

        Assert.Equal(("OrchestratorNotFound", "No orchestrator named 'Nope' is registered with this worker."), (turn.Failure!.ErrorType, turn.Failure.ErrorMessage));
    }

    [Fact]
    public void Every_history_event_survives_its_json_form()
    {
        HistoryEvent[] events =
        [
            new ExecutionStartedEvent("o", "1", "e"), new ExecutionCompletedEvent(OrchestrationRuntimeStatus.Failed, null, new TaskFailureDetails("T", "m", "s", new TaskFailureDetails("I", "n"))),
            new ExecutionTerminatedEvent("\"bye\""), new ExecutionSuspendedEvent("r"), new ExecutionResumedEvent(null), new OrchestratorStartedEvent { Timestamp = Epoch },
            new OrchestratorCompletedEvent(), new TaskScheduledEvent("a", "{}") { EventId = 3 }, new TaskCompletedEvent(3, "2"),
            new TaskFailedEvent(3, new TaskFailureDetails("T", "m")), new TimerCreatedEvent(Epoch) { EventId = 4 }, new TimerFiredEvent(4, Epoch),
            new EventRaisedEvent("go", "true"), new EventSentEvent("other", "go", null) { EventId = 5 },
        ];

        foreach (var historyEvent in events)
        {
            var json = HistoryJson.Serialize(historyEvent);
            Assert.StartsWith($"{{\"type\":\"{historyEvent.Kind}\"", json, StringComparison.Ordinal);
            Assert.Equal(historyEvent, HistoryJson.Deserialize(json));
        }
    }
}
