using ContinuousLoad.IntegrationTests.Durable;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Jobs.Activities;
using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Jobs.Orchestration;
using ContinuousLoad.Jobs.Sources;
using ContinuousLoad.Jobs.Statements;
using Microsoft.DurableTask;

namespace ContinuousLoad.IntegrationTests.Jobs;

/// <summary>
/// When a running load stops itself: the job it belongs to is published by a stand-in orchestration on a
/// real durable backend, so each case sets exactly the state the watch reads.
/// </summary>
public sealed class InterruptionWatchTests(AzuriteServer azurite)
{
    private const string Label = "7_3";
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task The_current_load_keeps_running_and_stops_once_a_PAUSE_marks_its_task_interrupted()
    {
        await using var harness = await PublisherAsync();
        var id = await PublishAsync(harness, State(attempt: 3));
        var jobs = new JobDirectory(new DurableClientSlot(harness.Client));
        await using var watch = new InterruptionWatch(jobs, "j", Label, 3, Interval, Token);

        await Task.Delay(Interval * 10, Token);
        Assert.False(watch.Token.IsCancellationRequested);

        var paused = State(attempt: 3);
        paused.Interrupted = new JobTask { TaskId = 3, Label = Label, End = new S3Offset("k") };
        await harness.Client.RaiseEventAsync(id, "state", paused, Token);
        await StoppedAsync(watch);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_load_that_starts_after_its_task_was_run_again_stops_at_once()
    {
        await using var harness = await PublisherAsync();
        await PublishAsync(harness, State(attempt: 4));
        await using var late = new InterruptionWatch(new JobDirectory(new DurableClientSlot(harness.Client)), "j", Label, 3, TimeSpan.FromHours(1), Token);

        await StoppedAsync(late);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_load_stops_when_a_later_load_starts_or_its_job_is_gone()
    {
        await using var harness = await PublisherAsync();
        var id = await PublishAsync(harness, State(attempt: 3));
        var jobs = new JobDirectory(new DurableClientSlot(harness.Client));
        await using var superseded = new InterruptionWatch(jobs, "j", Label, 3, Interval, Token);
        await using var orphan = new InterruptionWatch(jobs, "no_such_job", Label, 3, Interval, Token);

        await harness.Client.RaiseEventAsync(id, "state", State(attempt: 4), Token);
        await StoppedAsync(superseded);
        await StoppedAsync(orphan);
    }

    private async Task<DurableHarness> PublisherAsync()
    {
        var harness = await DurableHarness.CreateAsync("sqlite", azurite);
        await harness.StartHostAsync(tasks => tasks.AddOrchestratorFunc<JobState, string>("Publisher", async (context, state) =>
        {
            context.SetCustomStatus(state);
            context.ContinueAsNew(await context.WaitForExternalEvent<JobState>("state"));
            return "";
        }));
        return harness;
    }

    /// <summary>Starts the stand-in as job "j" and waits until its state is published.</summary>
    private static async Task<string> PublishAsync(DurableHarness harness, JobState state)
    {
        var id = await harness.Client.ScheduleNewOrchestrationInstanceAsync("Publisher", state, new StartOrchestrationOptions(JobDefinition.InstanceIdOf("j")), Token);
        await harness.WaitForCustomStatusAsync(id, status => status is not null);
        return id;
    }

    private static JobState State(long attempt) => new()
    {
        Version = JobState.CurrentVersion,
        Definition = new JobDefinition(7, "j", "root", new DateTime(2024, 5, 6, 0, 0, 0, DateTimeKind.Utc), "", "db", "t", "INSERT INTO t SELECT 1",
            new Dictionary<string, string>()),
        Status = JobStatus.Running,
        LoadAttempt = attempt,
    };

    private static async Task StoppedAsync(InterruptionWatch watch)
    {
        var stopped = new TaskCompletionSource();
        await using (watch.Token.Register(() => stopped.TrySetResult()))
        {
            await stopped.Task.WaitAsync(TimeSpan.FromSeconds(30), Token);
        }

        Assert.True(watch.Interrupted);
    }
}
