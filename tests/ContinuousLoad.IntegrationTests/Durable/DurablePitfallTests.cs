using ContinuousLoad.Durable.Hosting;
using ContinuousLoad.Durable.Sqlite;
using ContinuousLoad.IntegrationTests.Servers;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using OrchestrationRuntimeStatus = Microsoft.DurableTask.Client.OrchestrationRuntimeStatus;

namespace ContinuousLoad.IntegrationTests.Durable;

/// <summary>
/// One test for each known pitfall of durable runtimes (docs/durable.md): on both backends where the
/// behaviour is the SDK's and the sidecar's, on SQLite alone where it is our backend's own.
/// </summary>
public sealed class DurablePitfallTests(AzuriteServer azurite)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(DurableHarness.Backends), MemberType = typeof(DurableHarness))]
    public async Task Events_survive_continue_as_new_even_when_batched_with_it(string backend)
    {
        await using var harness = await DurableHarness.CreateAsync(backend, azurite);
        using var inTurn = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        await harness.StartHostAsync(tasks => tasks.AddOrchestratorFunc<int, int>("Counter", async (context, total) =>
        {
            if (total == 0 && !context.IsReplaying)
            {
                // Hold the first turn while every event arrives, so later turns take them in batches.
                inTurn.Release();
                release.Wait(TestContext.Current.CancellationToken);
            }

            var tick = await context.WaitForExternalEvent<int>("tick");
            if (tick < 0)
            {
                return total;
            }

            context.ContinueAsNew(total + tick);
            return 0;
        }));
        var id = await harness.Client.ScheduleNewOrchestrationInstanceAsync("Counter", 0, Token);
        await inTurn.WaitAsync(Token);
        for (var i = 1; i <= 30; i++)
        {
            await harness.Client.RaiseEventAsync(id, "tick", i, Token);
        }

        await harness.Client.RaiseEventAsync(id, "tick", -1, Token);
        release.Release();
        var done = await harness.CompletionAsync(id);

        Assert.Equal((OrchestrationRuntimeStatus.Completed, 465), (done.RuntimeStatus, done.ReadOutputAs<int>()));
    }

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(DurableHarness.Backends), MemberType = typeof(DurableHarness))]
    public async Task Timers_set_after_continue_as_new_fire_and_history_starts_afresh(string backend)
    {
        await using var harness = await DurableHarness.CreateAsync(backend, azurite);
        await harness.StartHostAsync(tasks => tasks.AddOrchestratorFunc<int, int>("Ticker", async (context, generation) =>
        {
            await context.CreateTimer(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            if (generation < 3)
            {
                context.ContinueAsNew(generation + 1);
            }

            return generation;
        }));

        var done = await harness.RunAsync("Ticker", 0, "ticker");

        Assert.Equal(3, done.ReadOutputAs<int>());
        Assert.Single((await harness.HistoryAsync("ticker")).OfType<TimerFiredEvent>());
    }

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(DurableHarness.Backends), MemberType = typeof(DurableHarness))]
    public async Task A_cancelled_waiter_leaves_the_event_to_the_next_one_and_a_cancelled_timer_does_not_hold_the_instance(string backend)
    {
        await using var harness = await DurableHarness.CreateAsync(backend, azurite);
        await harness.StartHostAsync(tasks => tasks.AddOrchestratorFunc<string, string>("Race", async (context, _) =>
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

        var id = await harness.Client.ScheduleNewOrchestrationInstanceAsync("Race", Token);
        // Raise the event only once the first waiter is gone, however slow its turns are.
        await harness.WaitForCustomStatusAsync(id, status => status == "\"second waiter\"");
        await harness.Client.RaiseEventAsync(id, "go", "delivered", Token);
        var done = await harness.CompletionAsync(id);

        Assert.Equal((OrchestrationRuntimeStatus.Completed, "delivered"), (done.RuntimeStatus, done.ReadOutputAs<string>()));
    }

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(DurableHarness.Backends), MemberType = typeof(DurableHarness))]
    public async Task An_activity_result_for_a_terminated_instance_is_dropped_not_retried(string backend)
    {
        await using var harness = await DurableHarness.CreateAsync(backend, azurite);
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var runs = 0;
        await harness.StartHostAsync(tasks => tasks
            .AddActivityFunc<string>("Slow", async _ =>
            {
                Interlocked.Increment(ref runs);
                started.TrySetResult();
                await release.Task;
                return "late";
            })
            .AddOrchestratorFunc<string, string>("Waits", (context, _) => context.CallActivityAsync<string>("Slow")));

        var id = await harness.Client.ScheduleNewOrchestrationInstanceAsync("Waits", Token);
        await started.Task.WaitAsync(DurableHarness.Patience, Token);
        await harness.Client.TerminateInstanceAsync(id, "enough", Token);
        var terminated = await harness.CompletionAsync(id);
        release.SetResult();
        await Task.Delay(TimeSpan.FromSeconds(2), Token);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated.RuntimeStatus);
        Assert.Equal(1, runs);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await harness.Client.GetInstanceAsync(id, cancellation: Token))!.RuntimeStatus);
    }

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(DurableHarness.Backends), MemberType = typeof(DurableHarness))]
    public async Task A_long_activity_keeps_its_lease_so_a_second_host_never_runs_it_again(string backend)
    {
        await using var harness = await DurableHarness.CreateAsync(backend, azurite);
        var runs = 0;
        void Tasks(DurableTaskRegistry tasks) => tasks
            .AddActivityFunc<string>("Long", async _ =>
            {
                Interlocked.Increment(ref runs);
                await Task.Delay(TimeSpan.FromSeconds(6), Token);
                return "finished";
            })
            .AddOrchestratorFunc<string, string>("Patient", (context, _) => context.CallActivityAsync<string>("Long"));
        Func<DurableRuntimeOptions, DurableRuntimeOptions> shortLease = o => o with { LeaseDuration = TimeSpan.FromSeconds(2), SqlitePollingInterval = TimeSpan.FromMilliseconds(100) };
        await harness.StartHostAsync(Tasks, shortLease);
        await harness.StartHostAsync(Tasks, shortLease);

        var done = await harness.RunAsync("Patient");

        Assert.Equal(("finished", 1), (done.ReadOutputAs<string>(), runs));
    }

    [Theory(Timeout = 300_000)]
    [MemberData(nameof(DurableHarness.Backends), MemberType = typeof(DurableHarness))]
    public async Task Several_hosts_on_one_backend_share_the_work_and_lose_nothing(string backend)
    {
        await using var harness = await DurableHarness.CreateAsync(backend, azurite);
        void Tasks(DurableTaskRegistry tasks) => tasks
            .AddActivityFunc<int, int>("Add", (_, n) => n + 1)
            .AddOrchestratorFunc<int, int>("Collect", async (context, count) =>
            {
                var sum = 0;
                for (var i = 0; i < count; i++)
                {
                    sum += await context.WaitForExternalEvent<int>("n");
                }

                return await context.CallActivityAsync<int>("Add", sum);
            });
        var hosts = new[] { await harness.StartHostAsync(Tasks), await harness.StartHostAsync(Tasks), await harness.StartHostAsync(Tasks) };
        var clients = hosts.Select(h => (DurableTaskClient)h.Services.GetService(typeof(DurableTaskClient))!).ToArray();

        var ids = Enumerable.Range(0, 30).Select(i => $"collect-{i}").ToList();
        await Task.WhenAll(ids.Select((id, i) => clients[i % 3].ScheduleNewOrchestrationInstanceAsync("Collect", 10, new StartOrchestrationOptions(id), Token)));
        foreach (var id in ids)
        {
            await harness.Client.WaitForInstanceStartAsync(id, cancellation: Token);
        }

        await Task.WhenAll(ids.SelectMany((id, i) => Enumerable.Range(1, 10).Select(n => clients[(i + n) % 3].RaiseEventAsync(id, "n", n, Token))));
        var results = await Task.WhenAll(ids.Select(harness.CompletionAsync));

        Assert.All(results, r => Assert.Equal((OrchestrationRuntimeStatus.Completed, 56), (r.RuntimeStatus, r.ReadOutputAs<int>())));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_turn_left_half_done_by_a_dead_worker_is_taken_over_and_its_late_completion_is_refused()
    {
        await using var harness = await DurableHarness.CreateAsync("sqlite", azurite);
        await using var backend = await harness.OpenSqliteBackendAsync(TimeSpan.FromMilliseconds(300));
        await backend.CreateTaskOrchestrationAsync(StartMessage("once", "Once"));

        // A worker takes the turn, then dies before saving it: its lease runs out and another takes over.
        var dead = await backend.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), Token);
        await Task.Delay(TimeSpan.FromMilliseconds(500), Token);
        var taken = await backend.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), Token);
        await CompleteByHandAsync(backend, taken);

        // The dead worker wakes up and saves the same turn: refused, nothing written twice.
        await Assert.ThrowsAsync<InvalidOperationException>(() => CompleteByHandAsync(backend, dead));
        await harness.StartHostAsync(tasks => tasks.AddOrchestratorFunc<string, string>("Once", (context, _) => context.WaitForExternalEvent<string>("go")));
        await harness.Client.RaiseEventAsync("once", "go", "once", Token);
        var done = await harness.CompletionAsync("once");

        Assert.Equal(dead.InstanceId, taken.InstanceId);
        Assert.Equal((OrchestrationRuntimeStatus.Completed, "once"), (done.RuntimeStatus, done.ReadOutputAs<string>()));
        Assert.Single((await harness.HistoryAsync("once")).OfType<ExecutionStartedEvent>());
    }

    [Fact(Timeout = 120_000)]
    public async Task Poison_messages_and_activities_fail_with_the_reason_after_the_delivery_limit()
    {
        await using var harness = await DurableHarness.CreateAsync("sqlite", azurite);
        var lease = TimeSpan.FromMilliseconds(50);
        await using var backend = await harness.OpenSqliteBackendAsync(lease, maxDeliveries: 2);

        // The first turn of "calls" schedules an activity; then a worker takes that activity, and the first
        // turn of "stuck", and dies — twice; the host then delivers each a third time, once too often.
        var start = StartMessage("calls", "Calls");
        await backend.CreateTaskOrchestrationAsync(start);
        var first = await backend.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), Token);
        var scheduled = new TaskScheduledEvent(0, "Never");
        await CompleteByHandAsync(backend, first, [scheduled], [new TaskMessage { Event = scheduled, OrchestrationInstance = start.OrchestrationInstance }]);
        await backend.CreateTaskOrchestrationAsync(StartMessage("stuck", "Stuck"));
        for (var i = 0; i < 2; i++)
        {
            Assert.NotNull(await backend.LockNextTaskActivityWorkItem(TimeSpan.FromSeconds(10), Token));
            Assert.NotNull(await backend.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), Token));
            await Task.Delay(lease * 3, Token);
        }

        await harness.StartHostAsync(tasks => tasks
            .AddActivityFunc<string>("Never", _ => "ran")
            .AddOrchestratorFunc<string, string>("Calls", async (context, _) =>
            {
                try
                {
                    return await context.CallActivityAsync<string>("Never");
                }
                catch (TaskFailedException e)
                {
                    return $"{e.FailureDetails.ErrorType}: {e.FailureDetails.ErrorMessage}";
                }
            })
            .AddOrchestratorFunc<string, string>("Stuck", (_, _) => Task.FromResult("ran")), o => o with { MaxDeliveries = 2 });
        var called = await harness.CompletionAsync("calls");
        var poisoned = await harness.CompletionAsync("stuck");

        Assert.Equal("PoisonMessage: Activity Never could not be completed in 2 deliveries (its worker stopped each time)", called.ReadOutputAs<string>());
        Assert.Equal((OrchestrationRuntimeStatus.Failed, "PoisonMessage"), (poisoned.RuntimeStatus, poisoned.FailureDetails!.ErrorType));
    }

    private static TaskMessage StartMessage(string instanceId, string name)
    {
        var instance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        return new TaskMessage { OrchestrationInstance = instance, Event = new ExecutionStartedEvent(-1, null) { Name = name, OrchestrationInstance = instance } };
    }

    /// <summary>A turn as a worker would save it: the messages it took, then <paramref name="actions"/>.</summary>
    private static Task CompleteByHandAsync(SqliteOrchestrationService backend, TaskOrchestrationWorkItem item,
        HistoryEvent[]? actions = null, TaskMessage[]? activities = null)
    {
        var state = new OrchestrationRuntimeState(item.OrchestrationRuntimeState.Events);
        state.AddEvent(new OrchestratorStartedEvent(-1));
        foreach (var message in item.NewMessages)
        {
            state.AddEvent(message.Event);
        }

        foreach (var action in actions ?? [])
        {
            state.AddEvent(action);
        }

        state.AddEvent(new OrchestratorCompletedEvent(-1));
        return backend.CompleteTaskOrchestrationWorkItemAsync(item, state, activities ?? [], [], [], null!, null!);
    }
}
