using ContinuousLoad.Durable;
using ContinuousLoad.Durable.Client;
using ContinuousLoad.Durable.History;
using ContinuousLoad.Durable.Stores;
using ContinuousLoad.Durable.Worker;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Durable;

/// <summary>The programming model end to end on both stores: activities, fan-out, failures, retries, timers, events, client operations.</summary>
public sealed class DurableConformanceTests(PostgresServer postgres)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(DurableHarness.Kinds), MemberType = typeof(DurableHarness))]
    public async Task Activities_in_sequence_and_in_parallel_give_the_output(string kind)
    {
        await using var harness = await DurableHarness.CreateAsync(kind, postgres);
        harness.Registry
            .AddActivity("Double", _ => new InlineActivity<int, int>((_, n) => Task.FromResult(n * 2)))
            .AddOrchestrator("Sum", _ => new InlineOrchestrator<int, int>(async (context, count) =>
            {
                var first = await context.CallActivityAsync<int>("Double", 1);
                var parallel = await Task.WhenAll(Enumerable.Range(1, count).Select(i => context.CallActivityAsync<int>("Double", i)));
                return first + parallel.Sum();
            }));
        await harness.StartWorkerAsync();

        var done = await harness.RunAsync("Sum", 10);

        Assert.Equal((OrchestrationRuntimeStatus.Completed, 112), (done.RuntimeStatus, done.ReadOutputAs<int>()));
        Assert.Equal(0, await harness.CountAsync("activities") + await harness.CountAsync("inbox"));
        Assert.Equal(11, await harness.CountAsync("history", "event_type = 'TaskCompleted'"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(DurableHarness.Kinds), MemberType = typeof(DurableHarness))]
    public async Task Failures_reach_the_orchestrator_and_retries_wait_on_durable_timers(string kind)
    {
        await using var harness = await DurableHarness.CreateAsync(kind, postgres);
        var attempts = 0;
        harness.Registry
            .AddActivity("Flaky", _ => new InlineActivity<string, string>((_, _) =>
                Interlocked.Increment(ref attempts) < 3 ? throw new IOException("not yet") : Task.FromResult("ok")))
            .AddActivity("Broken", _ => new InlineActivity<string, string>((_, _) => throw new InvalidOperationException("broken for good")))
            .AddOrchestrator("Retry", _ => new InlineOrchestrator<string, string>((context, _) =>
                context.CallActivityAsync<string>("Flaky", null, TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromMilliseconds(100))))))
            .AddOrchestrator("Fail", _ => new InlineOrchestrator<string, string>((context, _) => context.CallActivityAsync<string>("Broken")));
        await harness.StartWorkerAsync();

        var retried = await harness.RunAsync("Retry");
        var failed = await harness.RunAsync("Fail");

        Assert.Equal((OrchestrationRuntimeStatus.Completed, "ok", 3), (retried.RuntimeStatus, retried.ReadOutputAs<string>(), attempts));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Equal(typeof(TaskFailedException).FullName, failed.FailureDetails!.ErrorType);
        Assert.True(failed.FailureDetails.IsCausedBy<InvalidOperationException>());
        Assert.Equal("broken for good", failed.FailureDetails.InnerFailure!.ErrorMessage);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(DurableHarness.Kinds), MemberType = typeof(DurableHarness))]
    public async Task Timers_fire_and_external_events_arrive_before_or_after_their_waiter(string kind)
    {
        await using var harness = await DurableHarness.CreateAsync(kind, postgres);
        harness.Registry.AddOrchestrator("Wait", _ => new InlineOrchestrator<string, string>(async (context, _) =>
        {
            var started = context.CurrentUtcDateTime;
            await context.CreateTimer(TimeSpan.FromMilliseconds(500), CancellationToken.None);
            var waited = context.CurrentUtcDateTime - started;
            var first = await context.WaitForExternalEvent<string>("first");
            var second = await context.WaitForExternalEvent<string>("second");
            return $"{waited >= TimeSpan.FromMilliseconds(500)}:{first}:{second}";
        }));
        await harness.StartWorkerAsync();

        var id = await harness.Client.ScheduleNewOrchestrationInstanceAsync("Wait", cancellation: Token);
        await harness.Client.RaiseEventAsync(id, "first", "early", Token);
        await Task.Delay(TimeSpan.FromSeconds(1), Token);
        await harness.Client.RaiseEventAsync(id, "second", "late", Token);
        var done = await harness.CompletionAsync(id);

        Assert.Equal("True:early:late", done.ReadOutputAs<string>());
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(DurableHarness.Kinds), MemberType = typeof(DurableHarness))]
    public async Task A_timer_set_by_a_turn_fires_on_time_however_long_the_worker_would_otherwise_sleep(string kind)
    {
        await using var harness = await DurableHarness.CreateAsync(kind, postgres);
        harness.Registry.AddOrchestrator("Ticks", _ => new InlineOrchestrator<int, int>(async (context, count) =>
        {
            for (var i = 0; i < count; i++)
            {
                await context.CreateTimer(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            }

            return count;
        }));
        await harness.StartWorkerAsync(new DurableTaskWorkerOptions { MinPollingInterval = TimeSpan.FromSeconds(30), MaxPollingInterval = TimeSpan.FromSeconds(60) });

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var done = await harness.RunAsync("Ticks", 3);

        // Polling alone would look every 30 s at best (90 s for three timers); the worker wakes for the
        // timers its own turns set. The bound leaves room for a machine busy with other tests.
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"three 200 ms timers took {clock.Elapsed}");
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(DurableHarness.Kinds), MemberType = typeof(DurableHarness))]
    public async Task An_event_raised_while_the_instance_is_in_a_turn_is_taken_as_soon_as_the_turn_ends(string kind)
    {
        await using var harness = await DurableHarness.CreateAsync(kind, postgres);
        using var inTurn = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        harness.Registry.AddOrchestrator("Gate", _ => new InlineOrchestrator<string, string>(async (context, _) =>
        {
            if (!context.IsReplaying)
            {
                // Hold the first turn (and the instance's lease) until the test has raised the event.
                inTurn.Release();
                release.Wait(TestContext.Current.CancellationToken);
            }

            return await context.WaitForExternalEvent<string>("go");
        }));
        await harness.StartWorkerAsync(new DurableTaskWorkerOptions { MinPollingInterval = TimeSpan.FromSeconds(30), MaxPollingInterval = TimeSpan.FromSeconds(60) });

        var id = await harness.Client.ScheduleNewOrchestrationInstanceAsync("Gate", cancellation: Token);
        await inTurn.WaitAsync(Token);
        await harness.Client.RaiseEventAsync(id, "go", "now", Token);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        release.Release();
        var done = await harness.CompletionAsync(id);

        // Polling alone would find the event after 30 s.
        Assert.Equal("now", done.ReadOutputAs<string>());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the event waited {clock.Elapsed}");
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(DurableHarness.Kinds), MemberType = typeof(DurableHarness))]
    public async Task Instances_talk_to_each_other_and_show_their_custom_status(string kind)
    {
        await using var harness = await DurableHarness.CreateAsync(kind, postgres);
        harness.Registry
            .AddOrchestrator("Listener", _ => new InlineOrchestrator<string, string>(async (context, _) =>
            {
                context.SetCustomStatus("listening");
                var heard = await context.WaitForExternalEvent<string>("hello");
                context.SetCustomStatus(new { heard });
                return heard;
            }))
            .AddOrchestrator("Speaker", _ => new InlineOrchestrator<string, string>((context, target) =>
            {
                context.SendEvent(target, "hello", $"from {context.InstanceId}");
                return Task.FromResult("said");
            }));
        await harness.StartWorkerAsync();

        var listener = await harness.Client.ScheduleNewOrchestrationInstanceAsync("Listener", options: new StartOrchestrationOptions("listener"), cancellation: Token);
        var running = await harness.Client.WaitForInstanceStartAsync(listener, true, Token);
        await harness.RunAsync("Speaker", listener, "speaker");
        var heard = await harness.CompletionAsync(listener);

        Assert.Equal(OrchestrationRuntimeStatus.Running, running.RuntimeStatus);
        Assert.Equal("from speaker", heard.ReadOutputAs<string>());
        Assert.Equal("{\"heard\":\"from speaker\"}", heard.SerializedCustomStatus);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(DurableHarness.Kinds), MemberType = typeof(DurableHarness))]
    public async Task The_client_starts_later_queries_suspends_resumes_terminates_and_purges(string kind)
    {
        await using var harness = await DurableHarness.CreateAsync(kind, postgres);
        harness.Registry.AddOrchestrator("Forever", _ => new InlineOrchestrator<string, string>((context, _) => context.WaitForExternalEvent<string>("end")));
        await harness.StartWorkerAsync();
        var client = harness.Client;

        var later = await client.ScheduleNewOrchestrationInstanceAsync("Forever", "x",
            new StartOrchestrationOptions("later", DateTimeOffset.UtcNow.AddHours(1)), Token);
        var held = await client.ScheduleNewOrchestrationInstanceAsync("Forever", options: new StartOrchestrationOptions("held"), cancellation: Token);
        await client.WaitForInstanceStartAsync(held, cancellation: Token);
        await client.SuspendInstanceAsync(held, "pause", Token);
        await client.RaiseEventAsync(held, "end", "while suspended", Token);
        await WaitForStatusAsync(client, held, OrchestrationRuntimeStatus.Suspended);
        await client.ResumeInstanceAsync(held, cancellation: Token);
        var resumed = await harness.CompletionAsync(held);
        await client.TerminateInstanceAsync(later, "stopped", Token);
        var terminated = await harness.CompletionAsync(later);

        Assert.Equal("while suspended", resumed.ReadOutputAs<string>());
        Assert.Equal((OrchestrationRuntimeStatus.Terminated, "stopped"), (terminated.RuntimeStatus, terminated.ReadOutputAs<string>()));
        var all = await client.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 1 }, Token).ToListAsync(Token);
        Assert.Equal(["held", "later"], all.Select(i => i.InstanceId));
        Assert.Equal(["later"], (await client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Terminated] }, Token)
            .ToListAsync(Token)).Select(i => i.InstanceId));
        Assert.Equal(1, (await client.PurgeInstanceAsync(held, Token)).PurgedInstanceCount);
        Assert.Null(await client.GetInstanceAsync(held, cancellation: Token));
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.RaiseEventAsync("nobody", "end", null, Token));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(DurableHarness.Kinds), MemberType = typeof(DurableHarness))]
    public async Task An_id_in_use_is_refused_and_a_finished_one_starts_afresh(string kind)
    {
        await using var harness = await DurableHarness.CreateAsync(kind, postgres);
        harness.Registry.AddOrchestrator("Echo", _ => new InlineOrchestrator<string, string>((context, input) => context.WaitForExternalEvent<string>("go")));
        await harness.StartWorkerAsync();
        var client = harness.Client;

        await client.ScheduleNewOrchestrationInstanceAsync("Echo", "one", new StartOrchestrationOptions("same"), Token);
        await Assert.ThrowsAsync<InstanceExistsException>(() => client.ScheduleNewOrchestrationInstanceAsync("Echo", "two", new StartOrchestrationOptions("same"), Token));
        await client.RaiseEventAsync("same", "go", "first", Token);
        await harness.CompletionAsync("same");
        await client.ScheduleNewOrchestrationInstanceAsync("Echo", "three", new StartOrchestrationOptions("same"), Token);
        await client.RaiseEventAsync("same", "go", "second", Token);
        var again = await harness.CompletionAsync("same");

        Assert.Equal(("second", "\"three\""), (again.ReadOutputAs<string>(), again.SerializedInput));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(DurableHarness.Kinds), MemberType = typeof(DurableHarness))]
    public async Task A_nondeterministic_orchestrator_fails_with_the_reason(string kind)
    {
        await using var harness = await DurableHarness.CreateAsync(kind, postgres);
        var runs = 0;
        harness.Registry
            .AddActivity("A", _ => new InlineActivity<string, string>((_, _) => Task.FromResult("a")))
            .AddActivity("B", _ => new InlineActivity<string, string>((_, _) => Task.FromResult("b")))
            .AddOrchestrator("Fickle", _ => new InlineOrchestrator<string, string>(async (context, _) =>
            {
                // A different path on every run: exactly what replay cannot allow.
                var first = Interlocked.Increment(ref runs) == 1 ? "A" : "B";
                await context.CallActivityAsync<string>(first);
                return await context.CallActivityAsync<string>("A");
            }));
        await harness.StartWorkerAsync();

        var done = await harness.RunAsync("Fickle");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("Non-deterministic orchestration 'Fickle'", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    internal static async Task WaitForStatusAsync(DurableTaskClient client, string instanceId, OrchestrationRuntimeStatus status)
    {
        var deadline = DateTime.UtcNow + DurableHarness.Patience;
        while ((await client.GetInstanceAsync(instanceId, cancellation: Token))?.RuntimeStatus != status)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{instanceId} never reached {status}");
            await Task.Delay(50, Token);
        }
    }
}
