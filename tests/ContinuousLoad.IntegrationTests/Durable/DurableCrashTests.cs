using ContinuousLoad.Durable;
using ContinuousLoad.Durable.Client;
using ContinuousLoad.Durable.History;
using ContinuousLoad.DurableWorker;
using ContinuousLoad.IntegrationTests.Host;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Durable;

/// <summary>
/// Worker processes killed with SIGKILL in the middle of an activity and in the middle of a turn, then
/// restarted (or left to another worker): every orchestration finishes, each step's result recorded once.
/// </summary>
public sealed class DurableCrashTests(PostgresServer postgres)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(DurableHarness.Kinds), MemberType = typeof(DurableHarness))]
    public async Task A_worker_killed_during_an_activity_is_replaced_and_every_step_is_recorded_once(string kind)
    {
        await using var harness = await DurableHarness.CreateAsync(kind, postgres);
        var ids = await StartAsync(harness, 4, new StepsInput(4, 700));
        using var directory = new TemporaryDirectory();

        await using (var first = await WorkerAsync(harness, directory))
        {
            await WaitUntilAsync(async () => await harness.CountAsync("activities", "lock_token IS NOT NULL") > 0);
            first.Kill();
        }

        await using (await WorkerAsync(harness, directory))
        {
            await AssertAllFinishedOnceAsync(harness, ids, 4);
        }
    }

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(DurableHarness.Kinds), MemberType = typeof(DurableHarness))]
    public async Task A_worker_killed_in_the_middle_of_a_turn_is_replaced_and_the_turn_is_done_once(string kind)
    {
        await using var harness = await DurableHarness.CreateAsync(kind, postgres);
        var ids = await StartAsync(harness, 1, new StepsInput(3, 50, StallAfterFirstStep: true));
        using var directory = new TemporaryDirectory();

        await using (var first = await WorkerAsync(harness, directory, stall: true))
        {
            Assert.True(await first.WaitForOutputAsync("stalled", DurableHarness.Patience, Token), first.Output);
            Assert.Equal(1, await harness.CountAsync("instances", "lock_token IS NOT NULL"));
            first.Kill();
        }

        await using (await WorkerAsync(harness, directory))
        {
            await AssertAllFinishedOnceAsync(harness, ids, 3);
        }
    }

    [Fact(Timeout = 300_000)]
    public async Task Two_worker_processes_share_200_orchestrations_and_one_finishes_them_after_the_other_dies()
    {
        await using var harness = await DurableHarness.CreateAsync("postgres", postgres);
        var ids = await StartAsync(harness, 200, new StepsInput(3, 20));
        using var directory = new TemporaryDirectory();

        await using var survivor = await WorkerAsync(harness, directory);
        await using (var victim = await WorkerAsync(harness, directory))
        {
            await WaitUntilAsync(async () => await harness.CountAsync("instances", "runtime_status = 'Completed'") >= 40);
            victim.Kill();
        }

        await AssertAllFinishedOnceAsync(harness, ids, 3);
    }

    private static async Task<List<string>> StartAsync(DurableHarness harness, int count, StepsInput input)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"steps-{i:D3}").ToList();
        foreach (var id in ids)
        {
            await harness.Client.ScheduleNewOrchestrationInstanceAsync(StepsOrchestrator.Name, input, new StartOrchestrationOptions(id), Token);
        }

        return ids;
    }

    private static async Task<HostProcess> WorkerAsync(DurableHarness harness, TemporaryDirectory directory, bool stall = false)
    {
        var worker = HostProcess.StartApp("ContinuousLoad.DurableWorker.dll", directory.Path, harness.WorkerArguments(Lease),
            stall ? new Dictionary<string, string> { ["CL_STALL_TURN"] = "1" } : null);
        Assert.True(await worker.WaitForOutputAsync("ready", DurableHarness.Patience, Token), worker.Output);
        return worker;
    }

    /// <summary>Every instance completed with every step's result, and its history records each step scheduled once and completed once.</summary>
    private static async Task AssertAllFinishedOnceAsync(DurableHarness harness, List<string> ids, int steps)
    {
        foreach (var id in ids)
        {
            var done = await harness.CompletionAsync(id);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.Equal(string.Join(",", Enumerable.Range(0, steps).Select(i => $"done:{id}/{i}")), done.ReadOutputAs<string>());
            var history = await harness.HistoryAsync(id);
            Assert.Equal(Enumerable.Range(0, steps), history.OfType<TaskScheduledEvent>().Select(e => e.EventId));
            Assert.Equal(Enumerable.Range(0, steps), history.OfType<TaskCompletedEvent>().Select(e => e.TaskScheduledId));
            Assert.Single(history.OfType<ExecutionStartedEvent>());
            Assert.Single(history.OfType<ExecutionCompletedEvent>());
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + DurableHarness.Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition was never met");
            await Task.Delay(20, Token);
        }
    }
}
