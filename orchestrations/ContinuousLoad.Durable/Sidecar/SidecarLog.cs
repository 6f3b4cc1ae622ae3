using Microsoft.Extensions.Logging;

namespace ContinuousLoad.Durable.Sidecar;

/// <summary>The sidecar's log events (ids 500-599 of ContinuousLoad.Durable).</summary>
internal static partial class SidecarLog
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Durable Task sidecar serving on {Socket} over the {Backend} backend")]
    public static partial void Serving(ILogger logger, string socket, string backend);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "Renewing the lease of a work item of {InstanceId} failed; its completion will find out")]
    public static partial void RenewalFailed(ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "A work item held at shutdown could not be given back; it is taken over when its lease runs out")]
    public static partial void AbandonFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 503, Level = LogLevel.Warning, Message = "Stopping the durable backend failed; its leases run out by themselves")]
    public static partial void StopFailed(ILogger logger, Exception exception);
}
