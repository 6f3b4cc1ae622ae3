namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// The CRC32 stored at the end of an event does not match its bytes: the event was damaged between the
/// server's binlog and us. Reconnect from the last committed position.
/// </summary>
public sealed class BinlogChecksumException : BinlogFormatException
{
    public BinlogChecksumException(BinlogEventType eventType, uint expected, uint actual)
        : base($"binlog event {eventType} failed its CRC32 check: the event carries 0x{expected:x8}, its bytes give 0x{actual:x8}; reconnect from the last committed position")
    {
        Expected = expected;
        Actual = actual;
    }

    public BinlogChecksumException()
    {
    }

    public BinlogChecksumException(string message)
        : base(message)
    {
    }

    public BinlogChecksumException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public uint Expected { get; }

    public uint Actual { get; }
}
