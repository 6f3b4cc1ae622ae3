using ContinuousLoad.IntegrationTests.Servers;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace ContinuousLoad.IntegrationTests.Durable;

/// <summary>
/// The Durable Task SDK end to end on both backends, through the in-process sidecar: activities,
/// fan-out, failures, retries, timers, events, client operations.
/// </summary>
public sealed class DurableConformanceTests(AzuriteServer azurite)
{
    private static readonly string[] Active = ["Pending", "Running", "Suspended"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(DurableHarness.Backends), MemberType = typeof(DurableHarness))]
    public async Task Activities_in_sequence_and_in_parallel_give_the_output(string backend)
    {
        await using var harness = await DurableHarness.CreateAsync(backend, azurite);
        await harness.StartHostAsync(tasks => tasks
            .AddActivityFunc<int, int>("Double", (_, n) => n * 2)
            .AddOrchestratorFunc<int, int>("Sum", async (context, count) =>
            {
                var first = await context.CallActivityAsync<int>("Double", 1);
                var parallel = await Task.WhenAll(Enumerable.Range(1, count).Select(i => context.CallActivityAsync<int>("Double", i)));
                return first + parallel.Sum();
            }));

        var done = await harness.RunAsync("Sum", 10, "sum");

        Assert.Equal((OrchestrationRuntimeStatus.Completed, 112), (done.RuntimeStatus, done.ReadOutputAs<int>()));
        Assert.Equal(11, (await harness.HistoryAsync("sum")).OfType<TaskCompletedEvent>().Count());
    }

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(DurableHarness.Backends), MemberType = typeof(DurableHarness))]
    public async Task Failures_reach_the_orchestrator_and_retries_wait_on_durable_timers(string backend)
    {
        await using var harness = await DurableHarness.CreateAsync(backend, azurite);
        var attempts = 0;
        await harness.StartHostAsync(tasks => tasks
            .AddActivityFunc<string>("Flaky", _ => Interlocked.Increment(ref attempts) < 3 ? throw new IOException("not yet") : "ok")
            .AddActivityFunc<string>("Broken", _ => Task.FromException<string>(new InvalidOperationException("broken for good")))
            .AddOrchestratorFunc<string, string>("Retry", (context, _) =>
                context.CallActivityAsync<string>("Flaky", options: TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromMilliseconds(100)))))
            .AddOrchestratorFunc<string, string>("Fail", (context, _) => context.CallActivityAsync<string>("Broken")));

        var retried = await harness.RunAsync("Retry");
        var failed = await harness.RunAsync("Fail");

        Assert.Equal((OrchestrationRuntimeStatus.Completed, "ok", 3), (retried.RuntimeStatus, retried.ReadOutputAs<string>(), attempts));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Contains("broken for good", Failure(failed), StringComparison.Ordinal);
        if (backend == "sqlite")
        {
            // Azure Storage keeps a failure as text in the output; ours keeps its structure.
            Assert.Equal(typeof(TaskFailedException).FullName, failed.FailureDetails!.ErrorType);
            Assert.Equal((typeof(InvalidOperationException).FullName, "broken for good"),
                (failed.FailureDetails.InnerFailure?.ErrorType, failed.FailureDetails.InnerFailure?.ErrorMessage));
        }
    }

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(DurableHarness.Backends), MemberType = typeof(DurableHarness))]
    public async Task Timers_fire_and_external_events_arrive_before_or_after_their_waiter(string backend)
    {
        await using var harness = await DurableHarness.CreateAsync(backend, azurite);
        // Azure Storage queues hide a message for whole seconds: a timer there may fire up to a second early.
        var least = backend == "sqlite" ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(1);
        await harness.StartHostAsync(tasks => tasks.AddOrchestratorFunc<string, string>("Wait", async (context, _) =>
        {
            var started = context.CurrentUtcDateTime;
            await context.CreateTimer(TimeSpan.FromSeconds(2), CancellationToken.None);
            var waited = context.CurrentUtcDateTime - started;
            var first = await context.WaitForExternalEvent<string>("first");
            var second = await context.WaitForExternalEvent<string>("second");
            return $"{waited >= least}:{first}:{second}";
        }));

        var id = await harness.Client.ScheduleNewOrchestrationInstanceAsync("Wait", cancellation: Token);
        await harness.Client.RaiseEventAsync(id, "first", "early", Token);
        await Task.Delay(TimeSpan.FromSeconds(3), Token);
        await harness.Client.RaiseEventAsync(id, "second", "late", Token);
        var done = await harness.CompletionAsync(id);

        Assert.Equal("True:early:late", done.ReadOutputAs<string>());
    }

    /// <summary>Our backend computes when its next timer is due; Azure Storage finds timers by polling its queues.</summary>
    [Fact(Timeout = 120_000)]
    public async Task A_timer_set_by_a_turn_fires_on_time_however_long_the_worker_would_otherwise_sleep()
    {
        await using var harness = await DurableHarness.CreateAsync("sqlite", azurite);
        await harness.StartHostAsync(tasks => tasks.AddOrchestratorFunc<int, int>("Ticks", async (context, count) =>
        {
            for (var i = 0; i < count; i++)
            {
                await context.CreateTimer(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            }

            return count;
        }), o => o with { SqlitePollingInterval = TimeSpan.FromSeconds(60) });

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var done = await harness.RunAsync("Ticks", 3);

        // Polling alone would look every 60 s (three minutes for three timers); the backend wakes for the
        // timers turns set. The bound leaves room for a machine busy with other tests.
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"three 200 ms timers took {clock.Elapsed}");
    }

    [Fact(Timeout = 120_000)]
    public async Task An_event_raised_while_the_instance_is_in_a_turn_is_taken_as_soon_as_the_turn_ends()
    {
        await using var harness = await DurableHarness.CreateAsync("sqlite", azurite);
        using var inTurn = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        await harness.StartHostAsync(tasks => tasks.AddOrchestratorFunc<string, string>("Gate", async (context, _) =>
        {
            if (!context.IsReplaying)
            {
                // Hold the first turn (and the instance's lease) until the test has raised the event.
                inTurn.Release();
                release.Wait(TestContext.Current.CancellationToken);
            }

            return await context.WaitForExternalEvent<string>("go");
        }), o => o with { SqlitePollingInterval = TimeSpan.FromSeconds(60) });

        var id = await harness.Client.ScheduleNewOrchestrationInstanceAsync("Gate", cancellation: Token);
        await inTurn.WaitAsync(Token);
        await harness.Client.RaiseEventAsync(id, "go", "now", Token);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        release.Release();
        var done = await harness.CompletionAsync(id);

        // Polling alone would find the event after 60 s.
        Assert.Equal("now", done.ReadOutputAs<string>());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the event waited {clock.Elapsed}");
    }

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(DurableHarness.Backends), MemberType = typeof(DurableHarness))]
    public async Task Instances_talk_to_each_other_and_show_their_custom_status(string backend)
    {
        await using var harness = await DurableHarness.CreateAsync(backend, azurite);
        await harness.StartHostAsync(tasks => tasks
            .AddOrchestratorFunc<string, string>("Listener", async (context, _) =>
            {
                context.SetCustomStatus("listening");
                var heard = await context.WaitForExternalEvent<string>("hello");
                context.SetCustomStatus(new { heard });
                return heard;
            })
            .AddOrchestratorFunc<string, string>("Speaker", (context, target) =>
            {
                context.SendEvent(target, "hello", $"from {context.InstanceId}");
                return Task.FromResult("said");
            }));

        var listener = await harness.Client.ScheduleNewOrchestrationInstanceAsync("Listener", new StartOrchestrationOptions("listener"), Token);
        await harness.WaitForCustomStatusAsync(listener, status => status == "\"listening\"");
        await harness.RunAsync("Speaker", listener, "speaker");
        var heard = await harness.CompletionAsync(listener);

        Assert.Equal("from speaker", heard.ReadOutputAs<string>());
        Assert.Equal("{\"heard\":\"from speaker\"}", heard.SerializedCustomStatus);
    }

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(DurableHarness.Backends), MemberType = typeof(DurableHarness))]
    public async Task The_client_starts_later_queries_suspends_resumes_terminates_and_purges(string backend)
    {
        await using var harness = await DurableHarness.CreateAsync(backend, azurite);
        await harness.StartHostAsync(tasks => tasks.AddOrchestratorFunc<string, string>("Forever", (context, _) => context.WaitForExternalEvent<string>("end")));
        var client = harness.Client;

        var later = await client.ScheduleNewOrchestrationInstanceAsync("Forever", "x",
            new StartOrchestrationOptions("later", DateTimeOffset.UtcNow.AddHours(1)), Token);
        var held = await client.ScheduleNewOrchestrationInstanceAsync("Forever", new StartOrchestrationOptions("held"), Token);
        await client.WaitForInstanceStartAsync(held, cancellation: Token);
        await client.SuspendInstanceAsync(held, "pause", Token);
        await harness.WaitForStatusAsync(held, OrchestrationRuntimeStatus.Suspended);
        await client.RaiseEventAsync(held, "end", "while suspended", Token);
        await Task.Delay(TimeSpan.FromSeconds(1), Token);
        var suspended = await client.GetInstanceAsync(held, cancellation: Token);
        await client.ResumeInstanceAsync(held, cancellation: Token);
        var resumed = await harness.CompletionAsync(held);
        await client.TerminateInstanceAsync(later, "stopped", Token);
        var terminated = await harness.CompletionAsync(later);

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, suspended!.RuntimeStatus);
        Assert.Equal("while suspended", resumed.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated.RuntimeStatus);
        var all = await client.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 1 }).ToListAsync(Token);
        Assert.Equal(["held", "later"], all.Select(i => i.InstanceId).Order());
        Assert.Equal(["later"], (await client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Terminated] })
            .ToListAsync(Token)).Select(i => i.InstanceId));
        Assert.Equal(1, (await client.PurgeInstanceAsync(held, cancellation: Token)).PurgedInstanceCount);
        Assert.Null(await client.GetInstanceAsync(held, cancellation: Token));
    }

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(DurableHarness.Backends), MemberType = typeof(DurableHarness))]
    public async Task An_id_in_use_is_refused_and_a_finished_one_starts_afresh(string backend)
    {
        await using var harness = await DurableHarness.CreateAsync(backend, azurite);
        await harness.StartHostAsync(tasks => tasks.AddOrchestratorFunc<string, string>("Echo", (context, _) => context.WaitForExternalEvent<string>("go")));
        var client = harness.Client;

        await client.ScheduleNewOrchestrationInstanceAsync("Echo", "one", new StartOrchestrationOptions("same") { DedupeStatuses = Active }, Token);
        await Assert.ThrowsAsync<DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException>(() =>
            client.ScheduleNewOrchestrationInstanceAsync("Echo", "two", new StartOrchestrationOptions("same") { DedupeStatuses = Active }, Token));
        await client.WaitForInstanceStartAsync("same", cancellation: Token);
        await client.RaiseEventAsync("same", "go", "first", Token);
        await harness.CompletionAsync("same");
        await client.ScheduleNewOrchestrationInstanceAsync("Echo", "three", new StartOrchestrationOptions("same") { DedupeStatuses = Active }, Token);
        await client.WaitForInstanceStartAsync("same", cancellation: Token);
        await client.RaiseEventAsync("same", "go", "second", Token);
        var again = await harness.CompletionAsync("same");

        Assert.Equal(("second", "\"three\""), (again.ReadOutputAs<string>(), again.SerializedInput));
    }

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(DurableHarness.Backends), MemberType = typeof(DurableHarness))]
    public async Task A_nondeterministic_orchestrator_fails_with_the_reason(string backend)
    {
        await using var harness = await DurableHarness.CreateAsync(backend, azurite);
        var runs = 0;
        await harness.StartHostAsync(tasks => tasks
            .AddActivityFunc<string>("A", _ => "a")
            .AddActivityFunc<string>("B", _ => "b")
            .AddOrchestratorFunc<string, string>("Fickle", async (context, _) =>
            {
                // A different path on every run: exactly what replay cannot allow.
                var first = Interlocked.Increment(ref runs) == 1 ? "A" : "B";
                await context.CallActivityAsync<string>(first);
                return await context.CallActivityAsync<string>("A");
            }));

        var done = await harness.RunAsync("Fickle");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("Non-Deterministic", Failure(done), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>What a failed instance tells about its failure, on either backend.</summary>
    private static string Failure(OrchestrationMetadata done) =>
        $"{done.FailureDetails?.ErrorType}: {done.FailureDetails?.ErrorMessage} / {done.FailureDetails?.InnerFailure?.ErrorMessage} / {done.SerializedOutput}";
}
