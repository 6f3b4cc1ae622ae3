using ContinuousLoad.Durable;

namespace ContinuousLoad.Jobs.Orchestration;

/// <summary>PAUSE / RESUME / ALTER / DROP, and the paused state with its auto-resume (spec B.10, B.11).</summary>
public sealed partial class StreamingJobOrchestrator
{
    /// <summary>Paused: wait for RESUME, or auto-resume after the backoff unless a person has to look.</summary>
    private async Task WhilePausedAsync()
    {
        if (_state.Error is not { NeedsPerson: false } error)
        {
            _state.RuntimeMsg = "";
            Publish();
            await Control;
            Apply(TakeCommand());
            return;
        }

        if (_state.AutoResumeCount >= settings.MaxAutoResumeCount)
        {
            _state.Error = new JobError(JobError.CannotResume, $"Auto resume failed after {_state.AutoResumeCount} attempts. Last error: {error.Msg}");
            return;
        }

        var due = (_state.LastAutoResumeUtc ?? _state.PausedUtc ?? Now) + settings.AutoResumeDelay(_state.AutoResumeCount);
        if (due > Now)
        {
            _state.RuntimeMsg = $"Auto resume attempt {_state.AutoResumeCount + 1} at {due:yyyy-MM-dd HH:mm:ss} UTC";
            await WaitAsync(due);
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

    private void Pause(string code, string message)
    {
        _state.Status = JobStatus.Paused;
        _state.Error = new JobError(code, message);
        _state.PausedUtc = Now;
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

    private void Apply(JobCommand command)
    {
        switch (command.Kind)
        {
            case JobCommand.Pause when _state.Status != JobStatus.Paused || _state.Error?.Code != JobError.ManualPause:
                Pause(JobError.ManualPause, "Manual pause");
                _state.RuntimeMsg = "";
                break;
            case JobCommand.Resume when _state.Status == JobStatus.Paused:
                _state.Status = JobStatus.Pending;
                _state.Error = null;
                _state.AutoResumeCount = 0;
                _state.LastAutoResumeUtc = null;
                _state.RuntimeMsg = "";
                break;
            case JobCommand.Alter when _state.Status == JobStatus.Paused:
                _state.Definition = command.Definition ?? _state.Definition;
                if (command.OffsetFileName is { } offset)
                {
                    // A reset loads again what follows the offset: in any order, a new ledger forgets the loaded keys.
                    _state.Offset = offset.Length == 0 ? null : offset;
                    _state.Floor = _state.Offset;
                    _state.LedgerGeneration++;
                    _state.Interrupted = null;
                }

                break;
            case JobCommand.Drop:
                _state.Status = JobStatus.Stopped;
                break;
        }

        _state.LastCommandId = command.Id;
    }

    /// <summary>Doris's failure code for a task that failed after its retries.</summary>
    private static string Classify(TaskFailureDetails failure) =>
        FromSource(failure) ? JobError.GetRemoteData
        : failure.ErrorMessage.Contains("timeout", StringComparison.OrdinalIgnoreCase) ? JobError.TaskTimeout
        : JobError.Internal;

    /// <summary>The object store refused or could not be reached (the SDK's errors, or the network under them).</summary>
    private static bool FromSource(TaskFailureDetails? failure) =>
        failure is not null && (failure.ErrorType.StartsWith("Amazon.", StringComparison.Ordinal)
                                || failure.ErrorType.EndsWith(".HttpRequestException", StringComparison.Ordinal)
                                || failure.ErrorType.EndsWith(".SocketException", StringComparison.Ordinal)
                                || FromSource(failure.InnerFailure));
}
