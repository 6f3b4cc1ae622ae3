namespace ContinuousLoad.Sources.Postgres;

/// <summary>
/// The source cannot do what was asked; the message says what happened and what to do. Carries the
/// server's SQL state when the server refused.
/// </summary>
public sealed class PostgresSourceException : Exception
{
    public PostgresSourceException(PostgresSourceError error, string message, string? sqlState = null, Exception? inner = null)
        : base(sqlState is null ? message : $"{message} (SQL state {sqlState})", inner)
    {
        Error = error;
        SqlState = sqlState;
    }

    public PostgresSourceException()
        : this(PostgresSourceError.ProtocolViolation, "PostgreSQL source error.")
    {
    }

    public PostgresSourceException(string message)
        : this(PostgresSourceError.ProtocolViolation, message)
    {
    }

    public PostgresSourceException(string message, Exception inner)
        : this(PostgresSourceError.ProtocolViolation, message, null, inner)
    {
    }

    public PostgresSourceError Error { get; }

    public string? SqlState { get; }
}
