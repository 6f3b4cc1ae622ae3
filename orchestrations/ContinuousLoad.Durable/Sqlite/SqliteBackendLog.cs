using Microsoft.Extensions.Logging;

namespace ContinuousLoad.Durable.Sqlite;

/// <summary>The SQLite backend's log events (ids 400-499 of ContinuousLoad.Durable).</summary>
internal static partial class SqliteBackendLog
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Dropped a {EventType} message for {InstanceId}: {Reason}")]
    public static partial void MessageDropped(ILogger logger, string instanceId, string eventType, string reason);

    [LoggerMessage(EventId = 401, Level = LogLevel.Error, Message = "Instance {InstanceId} failed: a message for it could not be processed in {Deliveries} deliveries")]
    public static partial void InstancePoisoned(ILogger logger, string instanceId, int deliveries);

    [LoggerMessage(EventId = 402, Level = LogLevel.Error, Message = "Activity {Activity} of {InstanceId} failed: it could not be completed in {Deliveries} deliveries")]
    public static partial void ActivityPoisoned(ILogger logger, string instanceId, string activity, int deliveries);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "Discarded the result of activity {TaskId} of {InstanceId}: its lease was lost, another run counts")]
    public static partial void ResultDiscarded(ILogger logger, string instanceId, string taskId);
}
