namespace ContinuousLoad.Durable;

/// <summary>An activity the orchestration awaited failed (after its retries); the details say why.</summary>
public sealed class TaskFailedException(TaskName taskName, int taskId, TaskFailureDetails failureDetails)
    : Exception($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails.ErrorMessage}")
{
    public TaskName TaskName { get; } = taskName;

    public int TaskId { get; } = taskId;

    public TaskFailureDetails FailureDetails { get; } = failureDetails;
}
