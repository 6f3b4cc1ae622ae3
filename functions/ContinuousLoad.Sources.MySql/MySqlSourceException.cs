namespace ContinuousLoad.Sources.MySql;

/// <summary>
/// The server or a table is not set up the way reading it requires — binlog off or not ROW, row image
/// not FULL, a table without a primary key, a missing privilege. The message says what to change.
/// </summary>
public sealed class MySqlSourceException : Exception
{
    public MySqlSourceException(string message) : base(message)
    {
    }

    public MySqlSourceException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public MySqlSourceException()
    {
    }
}
