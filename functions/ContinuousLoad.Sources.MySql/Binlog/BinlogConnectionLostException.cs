namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// The connection dropped mid-stream (server restart, network, heartbeat silence). Nothing is lost:
/// <see cref="ResumeFrom"/> is the end of the last transaction delivered whole; start a new stream there.
/// </summary>
public sealed class BinlogConnectionLostException : Exception
{
    public BinlogConnectionLostException(BinlogStart resumeFrom, Exception innerException)
        : base($"The binlog stream's connection was lost ({innerException.Message}); resume from {resumeFrom}, the end of the last complete transaction.", innerException)
    {
        ResumeFrom = resumeFrom;
    }

    public BinlogConnectionLostException(string message)
        : base(message)
    {
    }

    public BinlogConnectionLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BinlogConnectionLostException()
    {
    }

    public BinlogStart? ResumeFrom { get; }
}
