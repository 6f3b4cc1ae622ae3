namespace ContinuousLoad.Sources.MySql;

/// <summary>
/// Turns the server's "access denied" errors (1044 database, 1142 table, 1227 a global privilege such
/// as RELOAD, REPLICATION SLAVE or REPLICATION CLIENT, 1370 routine) into a message that says which
/// grant the source needs.
/// </summary>
internal static class Privileges
{
    public const string SourceGrant = "SELECT, RELOAD, REPLICATION SLAVE, REPLICATION CLIENT";

    public static bool IsDenied(MySqlServerException error) => error.ErrorCode is 1044 or 1142 or 1227 or 1370;

    public static MySqlSourceException Explain(MySqlServerException error, string action, string user) => new(
        $"The user '{user}' may not {action}: {error.Message} A MySQL source needs GRANT {SourceGrant} ON *.* TO '{user}'@'<host>'.",
        error);
}
