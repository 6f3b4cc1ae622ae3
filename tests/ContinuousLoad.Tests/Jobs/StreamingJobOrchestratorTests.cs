using System.Collections.Concurrent;
using ContinuousLoad.Jobs;
using ContinuousLoad.Jobs.Activities;
using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Jobs.Orchestration;
using ContinuousLoad.Jobs.Sources;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace ContinuousLoad.Tests.Jobs;

/// <summary>
/// The job's state machine on the real Durable Task engine (DurableTaskTestHost, in memory), with scripted
/// plan and load activities the test controls: every step waits for the state the orchestration publishes,
/// never for time to pass. Durable timers never fire early, so auto-resume gaps are checked as lower bounds.
/// </summary>
public sealed class StreamingJobOrchestratorTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly DateTime Modified = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    private readonly JobSettings _settings = new()
    {
        TaskAttempts = 1,
        TaskRetryInterval = TimeSpan.FromMilliseconds(10),
        AutoResumeBaseInterval = TimeSpan.FromMilliseconds(20),
        AutoResumeMaxInterval = TimeSpan.FromMilliseconds(80),
        RoundsPerExecution = 4,
    };

    private readonly ConcurrentQueue<Func<PlanBatchRequest, PlannedBatch>> _plans = new();
    private readonly ConcurrentQueue<(LoadBatchRequest Request, TaskCompletionSource<LoadBatchOutcome> Outcome)> _loads = new();
    private readonly ConcurrentQueue<DateTime> _planTimes = new();
    private readonly SemaphoreSlim _loadStarted = new(0);
    private DurableTaskTestHost _host = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private DurableTaskClient Client => _host.Client;

    public async ValueTask InitializeAsync()
    {
        // The test host binds a port it picks at random; a process running beside this one may take it first: pick again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _host = await DurableTaskTestHost.StartAsync(Register);
                return;
            }
            catch (IOException e) when (e.InnerException?.GetType().Name == "AddressInUseException" && attempt < 5)
            {
            }
        }
    }

    private void Register(Microsoft.DurableTask.DurableTaskRegistry tasks) =>
        tasks
            .AddOrchestrator(nameof(StreamingJobOrchestrator), () => new StreamingJobOrchestrator(_settings))
            .AddActivityFunc<PlanBatchRequest, PlannedBatch>(nameof(PlanBatchActivity), (_, request) =>
            {
                _planTimes.Enqueue(DateTime.UtcNow);
                return _plans.TryDequeue(out var plan) ? plan(request) : new PlannedBatch(null);
            })
            .AddActivityFunc<LoadBatchRequest, LoadBatchOutcome>(nameof(LoadBatchActivity), (_, request) =>
            {
                var outcome = new TaskCompletionSource<LoadBatchOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
                _loads.Enqueue((request, outcome));
                _loadStarted.Release();
                return outcome.Task;
            });

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, outcome) in _loads)
        {
            outcome.TrySetCanceled();
        }

        await _host.DisposeAsync();
        _loadStarted.Dispose();
    }

    [Fact(Timeout = 120_000)]
    public async Task Pause_during_a_load_cancels_the_task_and_resume_runs_it_again_under_its_label_once()
    {
        _plans.Enqueue(_ => Batch("a.csv", "b.csv"));
        var id = await StartAsync();
        var first = await NextLoadAsync();

        await SendAsync(id, new PauseJob("p1"));
        var paused = await StateAsync(id, s => s.LastCommandId == "p1");
        first.Outcome.SetResult(Committed());
        await SendAsync(id, new ResumeJob("r1"));
        var rerun = await NextLoadAsync();
        rerun.Outcome.SetResult(Committed());
        var done = await StateAsync(id, s => s.SucceedTaskCount == 1);

        Assert.Equal((JobStatus.Paused, JobError.ManualPause), (paused.Status, paused.Error?.Code));
        Assert.Equal((JobTaskStatus.Canceled, 1L), (paused.Tasks.Single().Status, paused.CanceledTaskCount));
        Assert.Equal(first.Request.Label, rerun.Request.Label);
        Assert.Equal(((S3Batch)first.Request.Batch).Objects, ((S3Batch)rerun.Request.Batch).Objects);
        Assert.True(rerun.Request.Attempt > first.Request.Attempt, "the re-run carries a later attempt, so the first run stops itself");
        Assert.Equal(new S3Offset("b.csv"), done.Offset);
        Assert.Equal(JobTaskStatus.Success, done.Tasks.Single().Status);
        Assert.Null(done.Tasks.Single().Batch);
    }

    [Fact(Timeout = 120_000)]
    public async Task Alter_applies_only_while_paused_and_an_offset_reset_starts_a_new_ledger()
    {
        var id = await StartAsync();
        await StateAsync(id, s => s.RuntimeMsg.StartsWith("No new data", StringComparison.Ordinal));
        var altered = Definition() with { Comment = "altered" };

        await SendAsync(id, new AlterJob("a1", altered, new S3Offset("m.csv"), ResetOffset: true));
        var running = await StateAsync(id, s => s.LastCommandId == "a1");
        await SendAsync(id, new PauseJob("p1"));
        await StateAsync(id, s => s.LastCommandId == "p1");
        await SendAsync(id, new AlterJob("a2", altered, new S3Offset("m.csv"), ResetOffset: true));
        var paused = await StateAsync(id, s => s.LastCommandId == "a2");

        Assert.Equal(("", null), (running.Definition.Comment, running.Offset));
        Assert.Equal(("altered", new S3Offset("m.csv"), new S3Offset("m.csv"), 1), (paused.Definition.Comment, paused.Offset, paused.Floor, paused.LedgerGeneration));
        Assert.Equal(JobStatus.Paused, paused.Status);
    }

    [Fact(Timeout = 120_000)]
    public async Task Drop_during_a_load_ends_the_instance_stopped()
    {
        _plans.Enqueue(_ => Batch("a.csv"));
        var id = await StartAsync();
        var load = await NextLoadAsync();

        await SendAsync(id, new DropJob("d1"));
        await StateAsync(id, s => s.LastCommandId == "d1");
        load.Outcome.SetResult(Committed());
        using var timeout = new CancellationTokenSource(Patience);
        var ended = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal((OrchestrationRuntimeStatus.Completed, nameof(JobStatus.Stopped)), (ended.RuntimeStatus, ended.ReadOutputAs<string>()));
        var state = ended.ReadCustomStatusAs<JobState>()!;
        Assert.Equal((JobStatus.Stopped, "d1", JobTaskStatus.Canceled), (state.Status, state.LastCommandId, state.Tasks.Single().Status));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_failing_source_is_auto_resumed_with_growing_gaps_and_gives_up_with_CANNOT_RESUME_ERR_after_the_tenth_attempt()
    {
        for (var i = 0; i < 11; i++)
        {
            _plans.Enqueue(_ => throw new HttpRequestException("connection refused"));
        }

        var id = await StartAsync();
        var gaveUp = await StateAsync(id, s => s.Error?.Code == JobError.CannotResume);
        await SendAsync(id, new ResumeJob("r1"));
        var resumed = await StateAsync(id, s => s.LastCommandId == "r1" && s.Status == JobStatus.Running && s.RuntimeMsg.StartsWith("No new data", StringComparison.Ordinal));

        Assert.Equal(10, gaveUp.AutoResumeCount);
        Assert.Equal(JobStatus.Paused, gaveUp.Status);
        Assert.Contains("Auto resume failed after 10 attempts. Last error: Failed to read the source", gaveUp.Error!.Msg, StringComparison.Ordinal);
        Assert.Equal(11 + 1, _planTimes.Count);

        // Each wait runs on a durable timer, which never fires early: the tenth attempt cannot come before the
        // first failure plus every wait of the policy (the first attempt is at once).
        var waits = Enumerable.Range(1, 9).Aggregate(TimeSpan.Zero, (sum, n) => sum + _settings.AutoResume.Delay(n));
        Assert.True(gaveUp.LastAutoResumeUtc - _planTimes.First() >= waits,
            $"ten attempts within {(gaveUp.LastAutoResumeUtc - _planTimes.First())?.TotalMilliseconds} ms; the policy waits {waits.TotalMilliseconds} ms in all");
        Assert.Equal((0, null), (resumed.AutoResumeCount, resumed.Error));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_manual_pause_and_a_pause_for_bad_data_are_never_auto_resumed()
    {
        _plans.Enqueue(_ => Batch("bad.csv"));
        var bad = await StartAsync("bad");
        (await NextLoadAsync()).Outcome.SetResult(new LoadBatchOutcome(false, LoadStatistic.Zero, null, "too many filtered rows", "row 1"));
        var manual = await StartAsync("manual");
        await StateAsync(manual, s => s.RuntimeMsg.StartsWith("No new data", StringComparison.Ordinal));
        await SendAsync(manual, new PauseJob("p1"));
        await StateAsync(manual, s => s.LastCommandId == "p1");
        var plansBefore = _planTimes.Count;

        // Many times the longest auto-resume wait: no attempt may start. A timer the job set would show here.
        await Task.Delay(_settings.AutoResumeMaxInterval * 10, Token);

        foreach (var id in new[] { bad, manual })
        {
            var state = (await Client.GetInstanceAsync(id, getInputsAndOutputs: true, Token))!.ReadCustomStatusAs<JobState>()!;
            Assert.Equal((JobStatus.Paused, 0), (state.Status, state.AutoResumeCount));
            Assert.Equal("", state.RuntimeMsg);
        }

        Assert.Equal(plansBefore, _planTimes.Count);
        Assert.Equal(JobError.TooManyFailureRows, (await StateAsync(bad, _ => true)).Error?.Code);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_state_from_a_newer_build_is_kept_paused_with_the_reason_and_can_still_be_dropped()
    {
        var id = await StartAsync(version: JobState.CurrentVersion + 1);
        var refused = await StateAsync(id, s => s.Status == JobStatus.Paused);
        await SendAsync(id, new ResumeJob("r1"));
        var stillPaused = await StateAsync(id, s => s.LastCommandId == "r1");
        await SendAsync(id, new DropJob("d1"));
        using var timeout = new CancellationTokenSource(Patience);
        var ended = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(JobError.CannotResume, refused.Error?.Code);
        Assert.Contains($"job state version {JobState.CurrentVersion + 1}", refused.Error!.Msg, StringComparison.Ordinal);
        Assert.Equal(JobStatus.Paused, stillPaused.Status);
        Assert.Empty(_planTimes);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, ended.RuntimeStatus);
    }

    private static JobDefinition Definition(string name = "j") =>
        new(7, name, "root", Modified, "", "db", "t", "INSERT INTO db.t SELECT c1 FROM S3(\"uri\" = \"s3://b/*.csv\")",
            new Dictionary<string, string> { ["max_interval"] = "1" });

    private async Task<string> StartAsync(string name = "j", int version = JobState.CurrentVersion) =>
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(StreamingJobOrchestrator),
            new JobState { Version = version, Definition = Definition(name) }, new StartOrchestrationOptions(JobDefinition.InstanceIdOf(name)), Token);

    private static PlannedBatch Batch(params string[] keys) => new(new S3Batch([.. keys.Select(k => new PlannedObject(k, 10, Modified))]));

    private static LoadBatchOutcome Committed() => new(true, new LoadStatistic(2, 20, 2, 20, 0), null, null, null);

    private Task SendAsync(string id, JobCommand command) => Client.RaiseEventAsync(id, JobCommand.EventName, command.ToEvent(), Token);

    private async Task<(LoadBatchRequest Request, TaskCompletionSource<LoadBatchOutcome> Outcome)> NextLoadAsync()
    {
        Assert.True(await _loadStarted.WaitAsync(Patience, Token), "no load started");
        Assert.True(_loads.TryDequeue(out var load));
        return load;
    }

    /// <summary>The job's published state, once it satisfies <paramref name="done"/>.</summary>
    private async Task<JobState> StateAsync(string id, Func<JobState, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var instance = await Client.GetInstanceAsync(id, getInputsAndOutputs: true, Token);
            if (instance?.ReadCustomStatusAs<JobState>() is { } state && done(state))
            {
                return state;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{id} never reached the expected state: {instance?.RuntimeStatus} {instance?.SerializedCustomStatus}");
            await Task.Delay(10, Token);
        }
    }
}
