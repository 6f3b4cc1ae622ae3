namespace ContinuousLoad.Functions.Jobs;

internal static partial class JobHostLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "The durable store ({Kind}) is not available; retrying in {Seconds} s")]
    public static partial void StoreUnavailable(ILogger logger, Exception exception, string kind, double seconds);

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "The durable worker stopped on an error; it starts again in {Seconds} s")]
    public static partial void WorkerFailed(ILogger logger, Exception exception, double seconds);
}
