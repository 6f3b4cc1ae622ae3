using ContinuousLoad.Functions.Configuration;

namespace ContinuousLoad.Functions;

internal static partial class HostLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "ContinuousLoad serving on {Url}; data directory {DataDirectory}; table store {TableStore}; durable store {DurableStore}")]
    public static partial void Serving(ILogger logger, string url, string dataDirectory, StoreKind tableStore, StoreKind durableStore);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Rejected credentials for {Method} {Path}: {Reason}")]
    public static partial void Unauthorized(ILogger logger, string method, string path, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Unhandled error serving {Method} {Path}")]
    public static partial void UnhandledError(ILogger logger, Exception exception, string method, string path);
}
