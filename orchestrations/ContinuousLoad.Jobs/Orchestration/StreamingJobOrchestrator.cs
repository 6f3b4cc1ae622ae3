using ContinuousLoad.Durable;
using ContinuousLoad.Jobs.Activities;

namespace ContinuousLoad.Jobs.Orchestration;

/// <summary>
/// One streaming job, forever: plan a batch, load it (data, label and offset in one transaction), record
/// the task, and when there is nothing new wait <c>max_interval</c> on a durable timer raced against the
/// <c>control</c> event. A failure pauses the job; auto-resume follows Doris's backoff (spec B.10).
/// Statements arrive as <see cref="JobCommand"/>s. Every few rounds the job continues as new, so its
/// history stays short; its state travels along.
/// </summary>
public sealed partial class StreamingJobOrchestrator(JobSettings settings) : TaskOrchestrator<JobState, string>
{
    private TaskOrchestrationContext _context = null!;
    private JobState _state = null!;
    private Task<JobCommand>? _control;

    private Task<JobCommand> Control => _control ??= _context.WaitForExternalEvent<JobCommand>(JobCommand.EventName);

    private DateTime Now => _context.CurrentUtcDateTime;

    private TaskOptions Retries => TaskOptions.FromRetryPolicy(new RetryPolicy(settings.TaskAttempts, settings.TaskRetryInterval, 2.0));

    public override async Task<string> RunAsync(TaskOrchestrationContext context, JobState input)
    {
        _context = context;
        _state = input;
        for (var round = 0; round < settings.RoundsPerExecution; round++)
        {
            if (_state.Status == JobStatus.Stopped)
            {
                // An instance completes only with nothing open; a load a DROP interrupted may still be: start afresh to finish.
                Publish();
                if (round > 0)
                {
                    context.ContinueAsNew(_state);
                }

                return JobStatus.Stopped;
            }

            if (TakeArrivedCommand())
            {
                continue;
            }

            if (_state.Status == JobStatus.Paused)
            {
                await WhilePausedAsync();
            }
            else
            {
                await RunRoundAsync();
            }
        }

        Publish();
        context.ContinueAsNew(_state);
        return "";
    }

    /// <summary>One task, or one idle wait when the source has nothing new.</summary>
    private async Task RunRoundAsync()
    {
        _state.Status = JobStatus.Running;
        if (_state.Interrupted is { } interrupted)
        {
            // State that went through JSON (continue-as-new) holds the task twice: update the one tasks() shows.
            await LoadAsync(_state.Tasks.Find(t => t.TaskId == interrupted.TaskId) ?? interrupted);
            return;
        }

        List<PlannedObject> batch;
        try
        {
            Publish();
            batch = await _context.CallActivityAsync<List<PlannedObject>>(nameof(PlanS3BatchActivity), PlanRequest(), Retries);
        }
        catch (TaskFailedException e)
        {
            Pause(JobError.GetRemoteData, $"Failed to list new files: {e.FailureDetails.ErrorMessage}");
            return;
        }

        if (batch.Count == 0)
        {
            _state.WaitingSinceUtc = null;
            await IdleAsync();
            return;
        }

        _state.WaitingSinceUtc = batch.Min(o => o.LastModifiedUtc);
        var last = batch[^1].Key;
        if (_state.EndOffset is null || string.CompareOrdinal(last, _state.EndOffset) > 0)
        {
            _state.EndOffset = last;
        }

        var task = new JobTask
        {
            TaskId = _state.NextTaskId,
            Label = _state.Definition.LabelOf(_state.NextTaskId),
            CreateUtc = Now,
            StartFileName = _state.Offset,
            EndFileName = last,
            Objects = batch,
        };
        _state.NextTaskId++;
        _state.Tasks.Add(task);
        if (_state.Tasks.Count > settings.MaxStreamingTaskShowCount)
        {
            _state.Tasks.RemoveRange(0, _state.Tasks.Count - settings.MaxStreamingTaskShowCount);
        }

        await LoadAsync(task);
    }

    private async Task LoadAsync(JobTask task)
    {
        _state.Interrupted = null;
        _state.RuntimeMsg = "";
        task.Status = JobTaskStatus.Running;
        task.StartUtc = Now;
        task.ErrorMsg = null;
        _state.LoadAttempt++;
        Publish();
        var load = _context.CallActivityAsync<LoadBatchOutcome>(nameof(LoadS3BatchActivity),
            new LoadBatchRequest(_state.Definition, task.Label, task.Objects, task.EndFileName, _state.CurrentLedger(), _state.LoadAttempt), Retries);
        while (await Task.WhenAny(load, Control) != load)
        {
            var command = TakeCommand();
            if (command.Kind is JobCommand.Pause or JobCommand.Drop)
            {
                // The load stops itself and rolls back (InterruptionWatch), unless it committed first: either way
                // it re-runs under the same label before anything else, and a committed run is not repeated.
                task.Status = JobTaskStatus.Canceled;
                task.FinishUtc = Now;
                _state.CanceledTaskCount++;
                _state.Interrupted = task;
                Apply(command);
                return;
            }

            Apply(command);
        }

        task.FinishUtc = Now;
        LoadBatchOutcome outcome;
        try
        {
            outcome = await load;
        }
        catch (TaskFailedException e)
        {
            task.Status = JobTaskStatus.Failed;
            task.ErrorMsg = e.FailureDetails.ErrorMessage;
            _state.FailedTaskCount++;
            Pause(Classify(e.FailureDetails), $"Task {task.TaskId} failed after {settings.TaskAttempts} attempts: {e.FailureDetails.ErrorMessage}");
            return;
        }

        task.Statistic = outcome.Statistic;
        task.ErrorLog = outcome.ErrorLog;
        if (!outcome.Committed)
        {
            task.Status = JobTaskStatus.Failed;
            task.ErrorMsg = outcome.ErrorMsg;
            task.FirstErrorMsg = outcome.FirstErrorMsg;
            _state.FailedTaskCount++;
            Pause(JobError.TooManyFailureRows, $"Task {task.TaskId} ({task.Label}): {outcome.ErrorMsg}" +
                (outcome.FirstErrorMsg is null ? "" : $". First error: {outcome.FirstErrorMsg}"));
            return;
        }

        task.Status = JobTaskStatus.Success;
        if (_state.Offset is null || string.CompareOrdinal(task.EndFileName, _state.Offset) > 0)
        {
            _state.Offset = task.EndFileName;
        }

        _state.Statistic = _state.Statistic.Add(outcome.Statistic);
        _state.SucceedTaskCount++;
        _state.LastTaskSuccessUtc = Now;
        var newest = task.Objects.Max(o => o.LastModifiedUtc);
        if (_state.NewestLoadedModifiedUtc is null || newest > _state.NewestLoadedModifiedUtc)
        {
            _state.NewestLoadedModifiedUtc = newest;
        }

        task.Objects = [];
        _state.Error = null;
        _state.AutoResumeCount = 0;
        _state.LastAutoResumeUtc = null;
    }

    /// <summary>
    /// In key order, the listing starts after the last loaded key; in any order, after the floor, and the
    /// ledger says which keys are loaded already.
    /// </summary>
    private PlanBatchRequest PlanRequest() => _state.CurrentLedger() is { } ledger
        ? new PlanBatchRequest(_state.Definition, _state.Floor, ledger)
        : new PlanBatchRequest(_state.Definition, _state.Offset);

    /// <summary>Nothing new: wait <c>max_interval</c>, or less if a statement comes.</summary>
    private async Task IdleAsync()
    {
        var next = Now + Definitions.JobProperties.Of(_state.Definition).MaxInterval;
        var looked = PlanRequest();
        _state.RuntimeMsg = $"No new files found after {(looked.After is null ? "the beginning" : $"'{looked.After}'")}" +
                            $"{(looked.Ledger is null ? "" : " that are not loaded yet")}; next check at {next:yyyy-MM-dd HH:mm:ss} UTC";
        await WaitAsync(next);
    }

    /// <summary>Waits until <paramref name="until"/> or the next statement, whichever is first; a statement is applied.</summary>
    private async Task WaitAsync(DateTime until)
    {
        Publish();
        using var cancel = new CancellationTokenSource();
        var timer = _context.CreateTimer(until, cancel.Token);
        if (await Task.WhenAny(timer, Control) != timer)
        {
            cancel.Cancel();
            Apply(TakeCommand());
        }
    }

    private void Publish() => _context.SetCustomStatus(_state);
}
