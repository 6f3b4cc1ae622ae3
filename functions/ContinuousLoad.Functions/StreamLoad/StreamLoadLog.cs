using ContinuousLoad.Ingest.Loading;

namespace ContinuousLoad.Functions.StreamLoad;

internal static partial class StreamLoadLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information,
        Message = "Stream load {Database}.{Table} label {Label}: {Status} {Message} (loaded {Loaded}, filtered {Filtered})")]
    public static partial void Finished(ILogger logger, string database, string table, string label, LoadStatus status, string message, long loaded, long filtered);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Transaction {Selector} in {Database}: {Operation} {Outcome}")]
    public static partial void Resolved(ILogger logger, string selector, string database, string operation, string outcome);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Label sweep: {Labels} labels aborted or forgotten, {Logs} error logs deleted")]
    public static partial void Swept(ILogger logger, int labels, int logs);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Label sweep failed; retrying in {Interval}")]
    public static partial void SweepFailed(ILogger logger, Exception exception, TimeSpan interval);
}
