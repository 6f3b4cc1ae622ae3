namespace ContinuousLoad.MySql.Wire;

/// <summary>
/// The bytes from the server break the MySQL protocol (truncated payload, wrong sequence id, unknown
/// packet where another was expected). The connection cannot be trusted afterwards: open a new one.
/// </summary>
public sealed class MySqlProtocolException : Exception
{
    public MySqlProtocolException(string message) : base(message)
    {
    }

    public MySqlProtocolException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public MySqlProtocolException()
    {
    }

    /// <summary>The peer sent a packet longer than this end accepts (<see cref="PacketChannel.MaxPayloadLength"/>).</summary>
    public bool PacketTooLarge { get; init; }
}
