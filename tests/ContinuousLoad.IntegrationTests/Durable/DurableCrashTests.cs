using ContinuousLoad.DurableWorker;
using ContinuousLoad.IntegrationTests.Host;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Testing;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace ContinuousLoad.IntegrationTests.Durable;

/// <summary>
/// Worker processes killed with SIGKILL in the middle of an activity and in the middle of a turn, then
/// restarted (or left to another worker): every orchestration finishes, each step's result recorded once.
/// The test's own host only schedules and watches (it runs no work).
/// </summary>
public sealed class DurableCrashTests(AzuriteServer azurite)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(DurableHarness.Backends), MemberType = typeof(DurableHarness))]
    public async Task A_worker_killed_during_an_activity_is_replaced_and_every_step_is_recorded_once(string backend)
    {
        await using var harness = await CreateAsync(backend);
        var ids = await StartAsync(harness, 4, new StepsInput(4, 700));
        using var directory = new TemporaryDirectory();

        await using (var first = await WorkerAsync(harness, directory))
        {
            Assert.True(await first.WaitForOutputAsync("running", DurableHarness.Patience, Token), first.Output);
            first.Kill();
        }

        await using (await WorkerAsync(harness, directory))
        {
            await AssertAllFinishedOnceAsync(harness, ids, 4);
        }
    }

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(DurableHarness.Backends), MemberType = typeof(DurableHarness))]
    public async Task A_worker_killed_in_the_middle_of_a_turn_is_replaced_and_the_turn_is_done_once(string backend)
    {
        await using var harness = await CreateAsync(backend);
        var ids = await StartAsync(harness, 1, new StepsInput(3, 50, StallAfterFirstStep: true));
        using var directory = new TemporaryDirectory();

        await using (var first = await WorkerAsync(harness, directory, stall: true))
        {
            Assert.True(await first.WaitForOutputAsync("stalled", DurableHarness.Patience, Token), first.Output);
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
        await using var harness = await CreateAsync("azurestorage");
        var ids = await StartAsync(harness, 200, new StepsInput(3, 20));
        using var directory = new TemporaryDirectory();

        await using var survivor = await WorkerAsync(harness, directory);
        await using (var victim = await WorkerAsync(harness, directory))
        {
            await WaitUntilAsync(async () => await CompletedAsync(harness) >= 40);
            victim.Kill();
        }

        await AssertAllFinishedOnceAsync(harness, ids, 3);
    }

    private async Task<DurableHarness> CreateAsync(string backend)
    {
        var harness = await DurableHarness.CreateAsync(backend, azurite);
        await harness.StartHostAsync(_ => { }, o => o with { RunsWork = false });
        return harness;
    }

    private static async Task<int> CompletedAsync(DurableHarness harness) =>
        await harness.Client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed], PageSize = 500 })
            .CountAsync(Token);

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

    /// <summary>
    /// Every instance completed with every step's result. On SQLite its history records each step scheduled
    /// once and completed once: a turn is one transaction. Azure Storage writes a turn's history and its
    /// messages separately, so a host killed between the two leaves a step recorded twice; replay counts it
    /// once, and the result is the same.
    /// </summary>
    private static async Task AssertAllFinishedOnceAsync(DurableHarness harness, List<string> ids, int steps)
    {
        var sqlite = harness.Options.Backend == ContinuousLoad.Durable.Hosting.DurableBackend.Sqlite;
        foreach (var id in ids)
        {
            var done = await harness.CompletionAsync(id);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.Equal(string.Join(",", Enumerable.Range(0, steps).Select(i => $"done:{id}/{i}")), done.ReadOutputAs<string>());
            var history = await harness.HistoryAsync(id);
            var scheduled = history.OfType<TaskScheduledEvent>().Select(e => e.EventId);
            var completed = history.OfType<TaskCompletedEvent>().Select(e => e.TaskScheduledId);
            Assert.Equal(Enumerable.Range(0, steps), sqlite ? scheduled : scheduled.Distinct());
            Assert.Equal(Enumerable.Range(0, steps), sqlite ? completed : completed.Distinct());
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
