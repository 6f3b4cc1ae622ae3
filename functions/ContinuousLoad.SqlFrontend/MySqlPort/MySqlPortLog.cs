using Microsoft.Extensions.Logging;

namespace ContinuousLoad.SqlFrontend.MySqlPort;

/// <summary>The MySQL port's log events (ids 600–609).</summary>
internal static partial class MySqlPortLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "MySQL protocol port listening on {Endpoint}")]
    public static partial void Listening(ILogger logger, System.Net.EndPoint endpoint);

    [LoggerMessage(EventId = 601, Level = LogLevel.Debug, Message = "MySQL connection {ConnectionId}: user {User} signed in from {Peer}")]
    public static partial void SignedIn(ILogger logger, uint connectionId, string user, string peer);

    [LoggerMessage(EventId = 602, Level = LogLevel.Warning, Message = "MySQL connection {ConnectionId}: access denied for user {User} from {Peer}")]
    public static partial void Refused(ILogger logger, uint connectionId, string user, string peer);

    [LoggerMessage(EventId = 603, Level = LogLevel.Debug, Message = "MySQL connection {ConnectionId} from {Peer} closed: {Reason}")]
    public static partial void Closed(ILogger logger, uint connectionId, string peer, string reason);

    [LoggerMessage(EventId = 604, Level = LogLevel.Warning, Message = "MySQL connection {ConnectionId} from {Peer} broke the protocol and was closed: {Reason}")]
    public static partial void Dropped(ILogger logger, uint connectionId, string peer, string reason);

    [LoggerMessage(EventId = 605, Level = LogLevel.Error, Message = "MySQL connection {ConnectionId}: a statement failed unexpectedly")]
    public static partial void Failed(ILogger logger, Exception exception, uint connectionId);

    [LoggerMessage(EventId = 606, Level = LogLevel.Warning, Message = "MySQL port refused a connection from {Peer}: {MaxConnections} connections are open (MaxConnections)")]
    public static partial void TooMany(ILogger logger, string peer, int maxConnections);

    [LoggerMessage(EventId = 607, Level = LogLevel.Error, Message = "MySQL connection {ConnectionId} ended with an unexpected error")]
    public static partial void Crashed(ILogger logger, Exception exception, uint connectionId);
}
