namespace ContinuousLoad.Ingest.Options;

/// <summary>
/// The load request is invalid (a header, the target, the mapping); nothing was read or written.
/// <see cref="Kind"/> says which part of Doris would have refused it, which decides the message's prefix.
/// </summary>
public sealed class LoadRequestException(string message, LoadErrorKind kind = LoadErrorKind.Analysis, int errorCode = 2) : Exception(message)
{
    public LoadErrorKind Kind { get; } = kind;

    /// <summary>The message as Doris words it: <c>[ANALYSIS_ERROR]TStatus: errCode = 2, detailMessage = ...</c>, <c>[INVALID_ARGUMENT]...</c>.</summary>
    public string DorisMessage => Kind switch
    {
        LoadErrorKind.InvalidArgument => $"[INVALID_ARGUMENT]{Message}",
        LoadErrorKind.Internal => $"[INTERNAL_ERROR]{Message}",
        _ => $"[ANALYSIS_ERROR]TStatus: errCode = {errorCode}, detailMessage = {Message}",
    };
}
