namespace ContinuousLoad.MySql.Wire;

/// <summary>
/// The connection could not be made or was lost: refused, timed out, closed by the server mid-reply,
/// or authentication could not proceed on the client's side (e.g. RSA public key retrieval not
/// allowed). Retrying on a new connection is the remedy; a stream resumes from its last position.
/// </summary>
public sealed class MySqlConnectionException : Exception
{
    public MySqlConnectionException(string message) : base(message)
    {
    }

    public MySqlConnectionException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public MySqlConnectionException()
    {
    }
}
