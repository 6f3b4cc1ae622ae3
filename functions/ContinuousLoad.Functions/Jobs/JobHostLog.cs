namespace ContinuousLoad.Functions.Jobs;

internal static partial class JobHostLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Job {Name} of the previous durable runtime carried over into this one")]
    public static partial void JobCarriedOver(ILogger logger, string name);

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "Job instance {InstanceId} of the previous durable runtime could not be carried over; {Path} is kept")]
    public static partial void JobNotCarriedOver(ILogger logger, Exception exception, string instanceId, string path);
}
