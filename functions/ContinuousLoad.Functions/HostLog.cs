using ContinuousLoad.Functions.Configuration;

namespace ContinuousLoad.Functions;

internal static partial class HostLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "ContinuousLoad serving on {Url}; data directory {DataDirectory}; table store {TableStore}; durable backend {DurableBackend}")]
    public static partial void Serving(ILogger logger, string url, string dataDirectory, StoreKind tableStore, string durableBackend);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Rejected credentials for {Method} {Path}: {Reason}")]
    public static partial void Unauthorized(ILogger logger, string method, string path, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Unhandled error serving {Method} {Path}")]
    public static partial void UnhandledError(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "A background task failed and nobody awaited it; the host carries on")]
    public static partial void UnobservedTaskFailure(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Critical,
        Message = "The process is ending on an unhandled exception; streaming jobs resume from their last checkpoint when it restarts")]
    public static partial void ProcessEnding(ILogger logger, Exception exception);
}
