using System.Text.Json;
using Microsoft.DurableTask;

namespace ContinuousLoad.Jobs.Orchestration;

/// <summary>Why a job is paused: Doris's failure code and a message (<c>ErrorMsg</c> shows it as JSON).</summary>
public sealed record JobError(string Code, string Msg)
{
    public const string ManualPause = "MANUAL_PAUSE_ERR";
    public const string TooManyFailureRows = "TOO_MANY_FAILURE_ROWS_ERR";
    public const string CannotResume = "CANNOT_RESUME_ERR";
    public const string GetRemoteData = "GET_REMOTE_DATA_ERROR";
    public const string Internal = "INTERNAL_ERR";
    public const string TaskTimeout = "TIMEOUT_TASKS_ERR";

    /// <summary>Auto-resume does not apply: a person paused it, the data is bad, or the budget is spent.</summary>
    public bool NeedsPerson => Code is ManualPause or TooManyFailureRows or CannotResume;

    public string ToJson() => JsonSerializer.Serialize(new { code = Code, msg = Msg });

    /// <summary>Doris's failure code for a task that failed after its retries.</summary>
    public static string Classify(TaskFailureDetails failure) =>
        FromSource(failure) ? GetRemoteData
        : failure.ErrorMessage.Contains("timeout", StringComparison.OrdinalIgnoreCase) ? TaskTimeout
        : Internal;

    /// <summary>The source refused or could not be reached (the S3 SDK's, Npgsql's or our source libraries' errors, or the network under them).</summary>
    private static bool FromSource(TaskFailureDetails? failure) =>
        failure is not null && (failure.ErrorType.StartsWith("Amazon.", StringComparison.Ordinal)
                                || failure.ErrorType.StartsWith("Npgsql.", StringComparison.Ordinal)
                                || failure.ErrorType.StartsWith("ContinuousLoad.Sources.", StringComparison.Ordinal)
                                || failure.ErrorType.EndsWith(".HttpRequestException", StringComparison.Ordinal)
                                || failure.ErrorType.EndsWith(".SocketException", StringComparison.Ordinal)
                                || FromSource(failure.InnerFailure));
}
