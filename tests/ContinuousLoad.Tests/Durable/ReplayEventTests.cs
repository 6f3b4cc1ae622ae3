using ContinuousLoad.Durable;
using ContinuousLoad.Durable.History;
using ContinuousLoad.Durable.Replay;
using ContinuousLoad.Testing;
using static ContinuousLoad.Tests.Durable.TurnDriver;

namespace ContinuousLoad.Tests.Durable;

/// <summary>External events, timers and continue-as-new on hand-built histories: the pitfalls of the reference runtimes.</summary>
public sealed class ReplayEventTests
{
    private static EventRaisedEvent Raised(string name, object? value) => new(name, Json(value));

    [Fact]
    public void An_event_that_comes_before_its_waiter_waits_in_a_buffer()
    {
        var driver = new TurnDriver(new InlineOrchestrator<string, int>(async (context, _) =>
        {
            await context.CallActivityAsync("First");
            return await context.WaitForExternalEvent<int>("go");
        }));
        driver.Start();

        var buffered = driver.Run(Raised("GO", 7));
        var done = driver.Run(new TaskCompletedEvent(0, null));

        Assert.Equal(OrchestrationRuntimeStatus.Running, buffered.Status);
        Assert.Equal((OrchestrationRuntimeStatus.Completed, Json(7)), (done.Status, done.Output));
    }

    [Fact]
    public void A_cancelled_waiter_never_takes_an_event()
    {
        var driver = new TurnDriver(new InlineOrchestrator<string, string>(async (context, _) =>
        {
            using var cancel = new CancellationTokenSource();
            var abandoned = context.WaitForExternalEvent<string>("x", cancel.Token);
            cancel.Cancel();
            var live = await context.WaitForExternalEvent<string>("x");
            return $"{abandoned.IsCanceled}:{live}";
        }));
        driver.Start();

        var turn = driver.Run(Raised("x", "payload"));

        Assert.Equal(Json("True:payload"), turn.Output);
    }

    [Fact]
    public void A_wait_with_timeout_gives_up_on_its_timer_and_leaves_later_events_for_others()
    {
        var driver = new TurnDriver(new InlineOrchestrator<string, string>(async (context, _) =>
        {
            string first;
            try
            {
                first = await context.WaitForExternalEvent<string>("x", TimeSpan.FromMinutes(1));
            }
            catch (TaskCanceledException)
            {
                first = "timeout";
            }

            await context.CallActivityAsync("Between");
            return $"{first}/{await context.WaitForExternalEvent<string>("x")}";
        }));
        var started = driver.Start();

        driver.Run(new TimerFiredEvent(0, default));
        var late = driver.Run(Raised("x", "late"));
        var done = driver.Run(new TaskCompletedEvent(1, null));

        Assert.IsType<CreateTimerAction>(started.Actions.Single());
        Assert.Equal(OrchestrationRuntimeStatus.Running, late.Status);
        Assert.Equal(Json("timeout/late"), done.Output);
    }

    [Fact]
    public void An_uncancelled_timer_keeps_the_instance_running_until_it_fires_and_a_cancelled_one_does_not()
    {
        InlineOrchestrator<bool, string> Race() => new(async (context, cancelTimer) =>
        {
            using var cancel = new CancellationTokenSource();
            var timer = context.CreateTimer(TimeSpan.FromHours(1), cancel.Token);
            var go = context.WaitForExternalEvent<string>("go");
            await Task.WhenAny(timer, go);
            if (cancelTimer)
            {
                cancel.Cancel();
            }

            return await go;
        });
        var careless = new TurnDriver(Race());
        var careful = new TurnDriver(Race());
        careless.Start(false);
        careful.Start(true);

        var waiting = careless.Run(Raised("go", "yes"));
        var finished = careless.Run(new TimerFiredEvent(0, default));
        var prompt = careful.Run(Raised("go", "yes"));

        Assert.Equal(OrchestrationRuntimeStatus.Running, waiting.Status);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.Status);
        Assert.Equal((OrchestrationRuntimeStatus.Completed, Json("yes")), (prompt.Status, prompt.Output));
    }

    [Fact]
    public void Continue_as_new_carries_unconsumed_events_and_runs_the_next_executions_in_the_same_turn()
    {
        var driver = new TurnDriver(new InlineOrchestrator<int, int>(async (context, count) =>
        {
            var tick = await context.WaitForExternalEvent<int>("tick");
            if (count < 2)
            {
                context.ContinueAsNew(count + tick);
                return -1;
            }

            return count * 100 + tick;
        }));

        var turn = driver.Run(
            new ExecutionStartedEvent("Test", Json(0), "e1"), Raised("tick", 1), Raised("tick", 1), Raised("tick", 5), Raised("other", "kept"));

        Assert.Equal((OrchestrationRuntimeStatus.Completed, Json(205), true), (turn.Status, turn.Output, turn.NewExecution));
        Assert.Equal("e3", turn.ExecutionId);
        Assert.Equal(Json(2), turn.Input);
        Assert.Equal(["OrchestratorStarted", "ExecutionStarted", "EventRaised", "EventRaised", "ExecutionCompleted", "OrchestratorCompleted"],
            turn.History.Select(e => e.Kind));
    }

    [Fact]
    public void Continue_as_new_drops_the_old_executions_timers_and_starts_fresh_ones()
    {
        var driver = new TurnDriver(new InlineOrchestrator<int, int>(async (context, count) =>
        {
            await context.CreateTimer(TimeSpan.FromSeconds(10), CancellationToken.None);
            if (count < 1)
            {
                context.ContinueAsNew(count + 1);
            }

            return count;
        }));
        driver.Start(0);

        var next = driver.Run(new TimerFiredEvent(0, default));
        var stale = driver.Run(new TimerFiredEvent(0, default) { });

        Assert.Equal((true, OrchestrationRuntimeStatus.Running), (next.NewExecution, next.Status));
        Assert.IsType<CreateTimerAction>(next.Actions.Single());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, stale.Status);
    }

    [Fact]
    public void Endless_continue_as_new_is_handed_to_a_later_turn_after_the_cap()
    {
        var driver = new TurnDriver(new InlineOrchestrator<int, int>((context, count) =>
        {
            context.ContinueAsNew(count + 1);
            return Task.FromResult(0);
        }));

        var turn = driver.Start(0);

        Assert.Equal(OrchestrationRuntimeStatus.Running, turn.Status);
        Assert.Equal(Json(OrchestrationExecutor.MaxExecutionsPerTurn), ((ExecutionStartedEvent)turn.SelfMessages.Single()).Input);
    }

    [Fact]
    public void A_suspended_instance_holds_its_events_until_resumed()
    {
        var driver = new TurnDriver(new InlineOrchestrator<string, string>((context, _) => context.WaitForExternalEvent<string>("go")));
        driver.Start();

        var suspended = driver.Run(new ExecutionSuspendedEvent("maintenance"), Raised("go", "now"));
        var resumed = driver.Run(new ExecutionResumedEvent(null));

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, suspended.Status);
        Assert.Equal((OrchestrationRuntimeStatus.Completed, Json("now")), (resumed.Status, resumed.Output));
    }

    [Fact]
    public void Termination_ends_the_instance_even_while_suspended_or_before_it_started()
    {
        var running = new TurnDriver(new InlineOrchestrator<string, string>((context, _) => context.WaitForExternalEvent<string>("never")));
        running.Start();
        running.Run(new ExecutionSuspendedEvent(null));
        var notStarted = new TurnDriver(new InlineOrchestrator<string, string>((_, _) => Task.FromResult("x")));

        var terminated = running.Run(new ExecutionTerminatedEvent(Json("stop")));
        var early = notStarted.Run(new ExecutionTerminatedEvent(null));

        Assert.Equal((OrchestrationRuntimeStatus.Terminated, Json("stop")), (terminated.Status, terminated.Output));
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, early.Status);
    }

    [Fact]
    public void Sent_events_and_custom_status_are_decisions_of_the_turn()
    {
        var driver = new TurnDriver(new InlineOrchestrator<string, string>((context, _) =>
        {
            context.SetCustomStatus(new { step = 1 });
            context.SendEvent("other", "hello", 42);
            return Task.FromResult("sent");
        }));

        var turn = driver.Start();

        Assert.Equal([new SendEventAction(0, "other", "hello", Json(42))], turn.Actions);
        Assert.Equal("{\"step\":1}", turn.CustomStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, turn.Status);
    }

    [Fact]
    public void Awaiting_something_that_is_not_a_durable_task_fails_the_instance_clearly()
    {
        var driver = new TurnDriver(new InlineOrchestrator<string, string>(async (context, _) =>
        {
            await Task.Delay(TimeSpan.FromMinutes(1), CancellationToken.None);
            return "never";
        }));

        var turn = driver.Start();

        Assert.Equal(OrchestrationRuntimeStatus.Failed, turn.Status);
        Assert.Contains("awaited something that is not a durable task", turn.Failure!.ErrorMessage, StringComparison.Ordinal);
    }
}
