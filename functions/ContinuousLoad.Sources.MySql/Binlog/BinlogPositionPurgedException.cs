namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// The server no longer has the binlog the stream asked for (server error 1236: purged by
/// <c>PURGE BINARY LOGS</c> or <c>expire_logs_days</c>, or never existed). Changes since that position are
/// lost to the stream: take a new snapshot and stream from its position.
/// </summary>
public sealed class BinlogPositionPurgedException : Exception
{
    public BinlogPositionPurgedException(BinlogStart start, MySqlServerException serverError)
        : base($"The binlog position {start} is no longer on the server (error {serverError.ErrorCode}: {serverError.ServerMessage}). Changes since then cannot be streamed: take a new snapshot and stream from its position, and keep binlogs longer (expire_logs_days / binlog_expire_logs_seconds) than a stream may lag.", serverError)
    {
        Start = start;
    }

    public BinlogPositionPurgedException(string message)
        : base(message)
    {
    }

    public BinlogPositionPurgedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BinlogPositionPurgedException()
    {
    }

    public BinlogStart? Start { get; }
}
