using Microsoft.Extensions.Logging;

namespace ContinuousLoad.Durable.Worker;

internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Durable worker {WorkerId} started on the {Store} store")]
    public static partial void Started(ILogger logger, string workerId, string store);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Durable worker {WorkerId} stopped")]
    public static partial void Stopped(ILogger logger, string workerId);

    [LoggerMessage(EventId = 302, Level = LogLevel.Debug, Message = "Instance {InstanceId} turn: {Status} ({Messages} messages, {Actions} actions)")]
    public static partial void Turn(ILogger logger, string instanceId, OrchestrationRuntimeStatus status, int messages, int actions);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Instance {InstanceId}: the lease was lost, the turn is discarded ({Reason})")]
    public static partial void LeaseLost(ILogger logger, string instanceId, string reason);

    [LoggerMessage(EventId = 304, Level = LogLevel.Error, Message = "Instance {InstanceId}: the turn failed and will be retried")]
    public static partial void TurnFailed(ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(EventId = 305, Level = LogLevel.Error, Message = "Instance {InstanceId} failed: {Reason}")]
    public static partial void Poisoned(ILogger logger, string instanceId, string reason);

    [LoggerMessage(EventId = 306, Level = LogLevel.Warning, Message = "Activity {Name} (#{TaskId}) of {InstanceId} failed: {Error}")]
    public static partial void ActivityFailed(ILogger logger, string name, int taskId, string instanceId, string error);

    [LoggerMessage(EventId = 307, Level = LogLevel.Warning, Message = "Activity {Name} (#{TaskId}) of {InstanceId}: the lease was lost, another worker runs it")]
    public static partial void ActivityLeaseLost(ILogger logger, string name, int taskId, string instanceId);

    [LoggerMessage(EventId = 308, Level = LogLevel.Error, Message = "The durable store failed while looking for work; retrying")]
    public static partial void StoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 309, Level = LogLevel.Error, Message = "Activity {Name} (#{TaskId}) of {InstanceId}: its outcome could not be saved and it will run again")]
    public static partial void ActivityNotSaved(ILogger logger, Exception exception, string name, int taskId, string instanceId);
}
