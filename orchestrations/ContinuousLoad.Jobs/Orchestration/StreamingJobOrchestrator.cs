using ContinuousLoad.Jobs.Activities;
using ContinuousLoad.Jobs.Sources;
using Microsoft.DurableTask;

namespace ContinuousLoad.Jobs.Orchestration;

/// <summary>
/// One streaming job, forever, whatever its source: plan a batch, load it (data, label and offset in one
/// transaction), record the task, and when there is nothing new wait <c>max_interval</c> on a durable
/// timer raced against the <c>control</c> event. A failure pauses the job; <see cref="AutoResumePolicy"/>
/// decides when it resumes by itself. Statements arrive as <see cref="JobCommand"/>s. Every few rounds
/// the job continues as new, so its history stays short; its state travels along (unprocessed commands too).
/// </summary>
public sealed class StreamingJobOrchestrator(JobSettings settings) : TaskOrchestrator<JobState, string>
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
        if (_state.Status != JobStatus.Stopped && JobStateVersions.Upgrade(_state) is { } refusal)
        {
            // Not run, and not lost either: the job shows why, and DROP still removes it.
            Pause(JobError.CannotResume, refusal);
        }

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

                return nameof(JobStatus.Stopped);
            }

            if (TakeArrivedCommand())
            {
                continue;
            }

            if (_state.Status == JobStatus.Finished)
            {
                // Nothing more to load; only DROP changes anything now.
                _state.RuntimeMsg = "";
                Publish();
                await Control;
                Apply(TakeCommand());
            }
            else if (_state.Status == JobStatus.Paused)
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

        JobBatch? batch;
        try
        {
            Publish();
            batch = (await _context.CallActivityAsync<PlannedBatch>(nameof(PlanBatchActivity), new PlanBatchRequest(_state.Definition, _state.Position()), Retries))
                .Batch;
        }
        catch (TaskFailedException e)
        {
            Pause(JobError.GetRemoteData, $"Failed to read the source: {e.FailureDetails.ErrorMessage}");
            return;
        }

        if (batch is null)
        {
            _state.WaitingSinceUtc = null;
            await IdleAsync();
            return;
        }

        _state.WaitingSinceUtc = batch.OldestUtc;
        if (batch.End.IsAfter(_state.EndOffset))
        {
            _state.EndOffset = batch.End;
        }

        var task = new JobTask
        {
            TaskId = _state.NextTaskId,
            Label = _state.Definition.LabelOf(_state.NextTaskId),
            CreateUtc = Now,
            Start = _state.Offset,
            End = batch.End,
            Batch = batch,
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
        var batch = task.Batch ?? throw new InvalidOperationException($"task {task.TaskId} has no batch to load");
        var load = _context.CallActivityAsync<LoadBatchOutcome>(nameof(LoadBatchActivity),
            new LoadBatchRequest(_state.Definition, task.Label, batch, _state.CurrentLedger(), _state.LoadAttempt), Retries);
        while (await Task.WhenAny(load, Control) != load)
        {
            var command = TakeCommand();
            if (command is PauseJob or DropJob)
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
            Pause(JobError.Classify(e.FailureDetails), $"Task {task.TaskId} failed after {settings.TaskAttempts} attempts: {e.FailureDetails.ErrorMessage}");
            return;
        }

        task.Statistic = outcome.Statistic.WithoutTables();
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
        task.End = outcome.End ?? task.End;
        _state.Notes = outcome.Notes ?? _state.Notes;
        if (task.End.IsAfter(_state.Offset))
        {
            _state.Offset = task.End;
        }

        if (task.End.IsAfter(_state.EndOffset))
        {
            _state.EndOffset = task.End;
        }

        _state.Statistic = _state.Statistic.Add(outcome.Statistic);
        _state.SucceedTaskCount++;
        _state.LastTaskSuccessUtc = Now;
        if (_state.NewestLoadedModifiedUtc is null || batch.NewestUtc > _state.NewestLoadedModifiedUtc)
        {
            _state.NewestLoadedModifiedUtc = batch.NewestUtc;
        }

        task.Batch = null;
        if (task.End.IsFinished)
        {
            _state.Status = JobStatus.Finished;
            _state.WaitingSinceUtc = null;
        }

        _state.Error = null;
        _state.AutoResumeCount = 0;
        _state.LastAutoResumeUtc = null;
        if (outcome.WindowMaxFilterRatio is { } maxRatio)
        {
            var length = Definitions.JobProperties.Of(_state.Definition).MaxInterval * 10;
            if ((_state.FilterWindow ??= new FilterWindow()).Breached(Now, length, outcome.Statistic.ScannedRows, outcome.Statistic.FilteredRows, maxRatio, out var ratio))
            {
                Pause(JobError.TooManyFailureRows, FormattableString.Invariant(
                    $"Task {task.TaskId} ({task.Label}): {ratio:0.####} of the rows of the last {length.TotalSeconds:0} seconds were filtered, ") +
                    FormattableString.Invariant($"more than load.max_filter_ratio = {maxRatio}") +
                    (outcome.ErrorLog is null ? "" : "; the task's TrackingUrl shows the rows and why"));
            }
        }
    }

    /// <summary>Nothing new: wait <c>max_interval</c>, or less if a statement comes.</summary>
    private async Task IdleAsync()
    {
        var next = Now + Definitions.JobProperties.Of(_state.Definition).MaxInterval;
        var looked = _state.Position();
        _state.RuntimeMsg = $"No new data found after {(looked.After is null ? "the beginning" : looked.After.ToDoris())}" +
                            $"{(looked.Ledger is null ? "" : " that is not loaded yet")}; next check at {next:yyyy-MM-dd HH:mm:ss} UTC";
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

    /// <summary>Paused: wait for a statement, and auto-resume when the policy says so.</summary>
    private async Task WhilePausedAsync()
    {
        var error = _state.Error ?? new JobError(JobError.ManualPause, "Manual pause");
        var decision = settings.AutoResume.Decide(error, _state.AutoResumeCount, _state.LastAutoResumeUtc ?? _state.PausedUtc ?? Now);
        switch (decision.Action)
        {
            case AutoResumeAction.WaitForPerson:
                _state.RuntimeMsg = "";
                Publish();
                await Control;
                Apply(TakeCommand());
                return;
            case AutoResumeAction.GiveUp:
                _state.Error = new JobError(JobError.CannotResume, $"Auto resume failed after {_state.AutoResumeCount} attempts. Last error: {error.Msg}");
                return;
        }

        if (decision.At > Now)
        {
            _state.RuntimeMsg = $"Auto resume attempt {_state.AutoResumeCount + 1} at {decision.At:yyyy-MM-dd HH:mm:ss} UTC";
            await WaitAsync(decision.At);
            if (_state.Status != JobStatus.Paused || _state.Error != error)
            {
                return;
            }
        }

        _state.AutoResumeCount++;
        _state.LastAutoResumeUtc = Now;
        _state.Status = JobStatus.Pending;
        _state.RuntimeMsg = $"Auto resumed (attempt {_state.AutoResumeCount}) after: {error.Msg}";
    }

    /// <summary>Applies a statement that arrived while the job was busy, if any.</summary>
    private bool TakeArrivedCommand()
    {
        if (_control is not { IsCompleted: true })
        {
            return false;
        }

        Apply(TakeCommand());
        return true;
    }

    private JobCommand TakeCommand()
    {
        var command = _control!.Result;
        _control = null;
        return command;
    }

    private void Pause(string code, string message) => _state.Pause(code, message, Now);

    private void Apply(JobCommand command) => _state.Apply(command, Now);
}
