namespace ContinuousLoad.Sources.MySql;

/// <summary>
/// An ERR packet from the server: its error code (e.g. 1045 access denied, 1236 binlog position
/// purged), its five-character SQL state and message. The message reads
/// <c>MySQL error 1045 (28000): Access denied ...</c> so logs carry all three.
/// </summary>
public sealed class MySqlServerException : Exception
{
    public MySqlServerException(int errorCode, string sqlState, string serverMessage, string? hint = null)
        : base(Format(errorCode, sqlState, serverMessage, hint))
    {
        ErrorCode = errorCode;
        SqlState = sqlState;
        ServerMessage = serverMessage;
    }

    public MySqlServerException()
    {
        SqlState = "";
        ServerMessage = "";
    }

    public MySqlServerException(string message) : base(message)
    {
        SqlState = "";
        ServerMessage = message;
    }

    public MySqlServerException(string message, Exception innerException) : base(message, innerException)
    {
        SqlState = "";
        ServerMessage = message;
    }

    public int ErrorCode { get; }

    /// <summary>The SQL state ("28000", "42000", ...); "HY000" when the server sent none.</summary>
    public string SqlState { get; }

    public string ServerMessage { get; }

    private static string Format(int code, string state, string message, string? hint) =>
        hint is null ? $"MySQL error {code} ({state}): {message}" : $"MySQL error {code} ({state}): {message} {hint}";
}
