using ContinuousLoad.Durable;
using ContinuousLoad.Durable.Client;
using ContinuousLoad.Durable.History;
using ContinuousLoad.Durable.Replay;
using ContinuousLoad.Durable.Stores;
using ContinuousLoad.Durable.Worker;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Durable;

/// <summary>One test for each known pitfall of the reference runtimes (docs/durable.md), on both stores.</summary>
public sealed class DurablePitfallTests(PostgresServer postgres)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(DurableHarness.Kinds), MemberType = typeof(DurableHarness))]
    public async Task Events_survive_continue_as_new_even_when_batched_with_it(string kind)
    {
        await using var harness = await DurableHarness.CreateAsync(kind, postgres);
        harness.Registry.AddOrchestrator("Counter", _ => new InlineOrchestrator<int, int>(async (context, total) =>
        {
            var tick = await context.WaitForExternalEvent<int>("tick");
            if (tick < 0)
            {
                return total;
            }

            context.ContinueAsNew(total + tick);
            return 0;
        }));
        var id = await harness.Client.ScheduleNewOrchestrationInstanceAsync("Counter", 0, cancellation: Token);
        for (var i = 1; i <= 30; i++)
        {
            await harness.Client.RaiseEventAsync(id, "tick", i, Token);
        }

        await harness.Client.RaiseEventAsync(id, "tick", -1, Token);
        await harness.StartWorkerAsync();

        var done = await harness.CompletionAsync(id);

        Assert.Equal((OrchestrationRuntimeStatus.Completed, 465), (done.RuntimeStatus, done.ReadOutputAs<int>()));
        Assert.Equal(0, await harness.CountAsync("inbox"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(DurableHarness.Kinds), MemberType = typeof(DurableHarness))]
    public async Task Timers_set_after_continue_as_new_fire(string kind)
    {
        await using var harness = await DurableHarness.CreateAsync(kind, postgres);
        harness.Registry.AddOrchestrator("Ticker", _ => new InlineOrchestrator<int, int>(async (context, generation) =>
        {
            await context.CreateTimer(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            if (generation < 3)
            {
                context.ContinueAsNew(generation + 1);
            }

            return generation;
        }));
        await harness.StartWorkerAsync();

        var done = await harness.RunAsync("Ticker", 0);

        Assert.Equal(3, done.ReadOutputAs<int>());
        Assert.Equal(1, await harness.CountAsync("history", "event_type = 'TimerFired'"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(DurableHarness.Kinds), MemberType = typeof(DurableHarness))]
    public async Task A_cancelled_waiter_leaves_the_event_to_the_next_one_and_a_cancelled_timer_does_not_hold_the_instance(string kind)
    {
        await using var harness = await DurableHarness.CreateAsync(kind, postgres);
        harness.Registry.AddOrchestrator("Race", _ => new InlineOrchestrator<string, string>(async (context, _) =>
        {
            using (var lost = new CancellationTokenSource())
            {
                var early = context.WaitForExternalEvent<string>("go", lost.Token);
                await Task.WhenAny(early, context.CreateTimer(TimeSpan.FromMilliseconds(100), CancellationToken.None));
                lost.Cancel();
            }

            context.SetCustomStatus("second waiter");

            using var timeout = new CancellationTokenSource();
            var go = context.WaitForExternalEvent<string>("go");
            var winner = await Task.WhenAny(go, context.CreateTimer(TimeSpan.FromHours(1), timeout.Token));
            timeout.Cancel();
            return winner == go ? await go : "timeout";
        }));
        await harness.StartWorkerAsync();

        var id = await harness.Client.ScheduleNewOrchestrationInstanceAsync("Race", cancellation: Token);
        // Raise the event only once the first waiter is gone, however slow its turns are.
        await harness.WaitForCustomStatusAsync(id, status => status == "\"second waiter\"");

        await harness.Client.RaiseEventAsync(id, "go", "delivered", Token);
        var done = await harness.CompletionAsync(id);

        Assert.Equal((OrchestrationRuntimeStatus.Completed, "delivered"), (done.RuntimeStatus, done.ReadOutputAs<string>()));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(DurableHarness.Kinds), MemberType = typeof(DurableHarness))]
    public async Task A_turn_left_half_done_by_a_dead_worker_is_taken_over_and_a_duplicate_turn_is_refused(string kind)
    {
        await using var harness = await DurableHarness.CreateAsync(kind, postgres);
        var once = new InlineOrchestrator<string, string>(async (context, _) => await context.WaitForExternalEvent<string>("go"));
        harness.Registry.AddOrchestrator("Once", _ => once);
        var id = await harness.Client.ScheduleNewOrchestrationInstanceAsync("Once", cancellation: Token);

        // A worker takes the turn, then dies before saving it: its lease runs out and another takes over.
        var dead = await harness.Store.LockNextOrchestrationAsync("dead", TimeSpan.FromMilliseconds(300), 10, Token);
        await Task.Delay(TimeSpan.FromMilliseconds(500), Token);
        var taken = await harness.Store.LockNextOrchestrationAsync("alive", TimeSpan.FromMinutes(1), 10, Token);
        var turn = TurnByHand(taken!, once);
        await harness.Store.CompleteOrchestrationAsync(taken!, turn, Token);

        // The dead worker wakes up and tries to save the same turn: refused, nothing written twice.
        await Assert.ThrowsAsync<LockLostException>(() => harness.Store.CompleteOrchestrationAsync(dead!, turn, Token));
        await harness.StartWorkerAsync();
        await harness.Client.RaiseEventAsync(id, "go", "once", Token);
        var done = await harness.CompletionAsync(id);

        Assert.Equal(dead!.InstanceId, taken!.InstanceId);
        Assert.Equal((OrchestrationRuntimeStatus.Completed, "once"), (done.RuntimeStatus, done.ReadOutputAs<string>()));
        Assert.Equal(1, await harness.CountAsync("history", "event_type = 'ExecutionStarted'"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(DurableHarness.Kinds), MemberType = typeof(DurableHarness))]
    public async Task An_activity_result_for_a_terminated_instance_is_dropped_not_retried(string kind)
    {
        await using var harness = await DurableHarness.CreateAsync(kind, postgres);
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var runs = 0;
        harness.Registry
            .AddActivity("Slow", _ => new InlineActivity<string, string>(async (_, _) =>
            {
                Interlocked.Increment(ref runs);
                started.TrySetResult();
                await release.Task;
                return "late";
            }))
            .AddOrchestrator("Waits", _ => new InlineOrchestrator<string, string>((context, _) => context.CallActivityAsync<string>("Slow")));
        await harness.StartWorkerAsync();

        var id = await harness.Client.ScheduleNewOrchestrationInstanceAsync("Waits", cancellation: Token);
        await started.Task.WaitAsync(DurableHarness.Patience, Token);
        await harness.Client.TerminateInstanceAsync(id, "enough", Token);
        var terminated = await harness.CompletionAsync(id);
        release.SetResult();
        await Task.Delay(TimeSpan.FromSeconds(1), Token);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated.RuntimeStatus);
        Assert.Equal(1, runs);
        Assert.Equal(0, await harness.CountAsync("activities") + await harness.CountAsync("inbox"));
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await harness.Client.GetInstanceAsync(id, cancellation: Token))!.RuntimeStatus);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(DurableHarness.Kinds), MemberType = typeof(DurableHarness))]
    public async Task Poison_messages_and_activities_fail_after_the_dequeue_limit(string kind)
    {
        await using var harness = await DurableHarness.CreateAsync(kind, postgres);
        harness.Registry
            .AddActivity("Never", _ => new InlineActivity<string, string>((_, _) => Task.FromResult("ran")))
            .AddOrchestrator("Calls", _ => new InlineOrchestrator<string, string>(async (context, _) =>
            {
                try
                {
                    return await context.CallActivityAsync<string>("Never");
                }
                catch (TaskFailedException e)
                {
                    return e.FailureDetails.ErrorType;
                }
            }))
            .AddOrchestrator("Stuck", _ => new InlineOrchestrator<string, string>((_, _) => Task.FromResult("ran")));
        var options = new DurableTaskWorkerOptions { MaxDequeueCount = 2, MaxPollingInterval = TimeSpan.FromMilliseconds(200) };
        var lease = TimeSpan.FromMilliseconds(50);

        // The first turn schedules the call; then workers take the call, and another instance's first turn, and die.
        var calls = await harness.Client.ScheduleNewOrchestrationInstanceAsync("Calls", options: new StartOrchestrationOptions("calls"), cancellation: Token);
        var first = await harness.Store.LockNextOrchestrationAsync("by-hand", TimeSpan.FromMinutes(1), 10, Token);
        await harness.Store.CompleteOrchestrationAsync(first!, TurnByHand(first!, new InlineOrchestrator<string, string>((context, _) =>
            context.CallActivityAsync<string>("Never"))), Token);
        var stuck = await harness.Client.ScheduleNewOrchestrationInstanceAsync("Stuck", options: new StartOrchestrationOptions("stuck"), cancellation: Token);
        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull(await harness.Store.LockNextActivityAsync("dies", lease, Token));
            Assert.NotNull(await harness.Store.LockNextOrchestrationAsync("dies", lease, 10, Token));
            await Task.Delay(lease * 3, Token);
        }

        await harness.StartWorkerAsync(options);
        var called = await harness.CompletionAsync(calls);
        var poisoned = await harness.CompletionAsync(stuck);

        Assert.Equal("PoisonMessage", called.ReadOutputAs<string>());
        Assert.Equal((OrchestrationRuntimeStatus.Failed, "PoisonMessage"), (poisoned.RuntimeStatus, poisoned.FailureDetails!.ErrorType));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(DurableHarness.Kinds), MemberType = typeof(DurableHarness))]
    public async Task A_long_activity_keeps_its_lease_so_a_second_worker_never_runs_it_again(string kind)
    {
        await using var harness = await DurableHarness.CreateAsync(kind, postgres);
        var runs = 0;
        harness.Registry
            .AddActivity("Long", _ => new InlineActivity<string, string>(async (_, _) =>
            {
                Interlocked.Increment(ref runs);
                await Task.Delay(TimeSpan.FromSeconds(6), Token);
                return "finished";
            }))
            .AddOrchestrator("Patient", _ => new InlineOrchestrator<string, string>((context, _) => context.CallActivityAsync<string>("Long")));
        var options = new DurableTaskWorkerOptions { LeaseDuration = TimeSpan.FromSeconds(2), MaxPollingInterval = TimeSpan.FromMilliseconds(100) };
        await harness.StartWorkerAsync(options);
        await harness.StartWorkerAsync(options, await harness.OpenStoreAsync());

        var done = await harness.RunAsync("Patient");

        Assert.Equal(("finished", 1), (done.ReadOutputAs<string>(), runs));
    }

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(DurableHarness.Kinds), MemberType = typeof(DurableHarness))]
    public async Task Several_writers_on_one_store_never_see_busy_errors_and_lose_nothing(string kind)
    {
        await using var harness = await DurableHarness.CreateAsync(kind, postgres);
        harness.Registry
            .AddActivity("Add", _ => new InlineActivity<int, int>((_, n) => Task.FromResult(n + 1)))
            .AddOrchestrator("Collect", _ => new InlineOrchestrator<int, int>(async (context, count) =>
            {
                var sum = 0;
                for (var i = 0; i < count; i++)
                {
                    sum += await context.WaitForExternalEvent<int>("n");
                }

                return await context.CallActivityAsync<int>("Add", sum);
            }));
        var stores = new[] { harness.Store, await harness.OpenStoreAsync(), await harness.OpenStoreAsync() };
        foreach (var store in stores)
        {
            await harness.StartWorkerAsync(new DurableTaskWorkerOptions { MaxPollingInterval = TimeSpan.FromMilliseconds(200) }, store);
        }

        var clients = stores.Select(s => new DurableTaskClient(s)).ToArray();
        var ids = Enumerable.Range(0, 30).Select(i => $"collect-{i}").ToList();
        await Task.WhenAll(ids.Select((id, i) => clients[i % 3].ScheduleNewOrchestrationInstanceAsync("Collect", 10, new(id), Token)));
        await Task.WhenAll(ids.SelectMany((id, i) => Enumerable.Range(1, 10).Select(n => clients[(i + n) % 3].RaiseEventAsync(id, "n", n, Token))));
        var results = await Task.WhenAll(ids.Select(harness.CompletionAsync));

        Assert.All(results, r => Assert.Equal((OrchestrationRuntimeStatus.Completed, 56), (r.RuntimeStatus, r.ReadOutputAs<int>())));
    }

    /// <summary>One turn computed in the test, as a worker would, for the work item it holds.</summary>
    private static TurnResult TurnByHand(OrchestrationWorkItem item, ITaskOrchestrator orchestrator) =>
        new OrchestrationExecutor(_ => orchestrator, DataConverter.Default, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance)
            .Execute(item.InstanceId, item.ExecutionId, item.History, [.. item.Messages.Select(m => m.Event)], item.Now, () => Guid.NewGuid().ToString("N"));
}
