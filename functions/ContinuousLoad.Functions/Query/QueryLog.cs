namespace ContinuousLoad.Functions.Query;

internal static partial class QueryLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Statement refused in database {Database}: {Reason}")]
    public static partial void Refused(ILogger logger, string database, string reason);
}
