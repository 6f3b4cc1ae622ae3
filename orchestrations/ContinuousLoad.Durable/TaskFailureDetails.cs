namespace ContinuousLoad.Durable;

/// <summary>Why a task or orchestration failed: the exception's type, message and stack, and what caused it.</summary>
public sealed record TaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace = null, TaskFailureDetails? InnerFailure = null)
{
    public static TaskFailureDetails FromException(Exception exception) =>
        exception is TaskFailedException failed
            ? new(failed.GetType().FullName!, failed.Message, failed.StackTrace, failed.FailureDetails)
            : new(exception.GetType().FullName!, exception.Message, exception.StackTrace,
                exception.InnerException is { } inner ? FromException(inner) : null);

    /// <summary>Whether the failure (or one it wraps) came from an exception of type <typeparamref name="T"/>.</summary>
    public bool IsCausedBy<T>() where T : Exception =>
        ErrorType == typeof(T).FullName || InnerFailure?.IsCausedBy<T>() == true;

    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
