namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// A binlog event whose bytes do not follow the documented layout: truncated, lengths that point past
/// the event, a bad checksum, an unsupported column type. The message names the event type, what was
/// expected and what was found. The stream cannot continue past such an event.
/// </summary>
public class BinlogFormatException : Exception
{
    public BinlogFormatException(string message)
        : base(message)
    {
    }

    public BinlogFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BinlogFormatException()
    {
    }
}
