using ContinuousLoad.MySql.Wire;
using ContinuousLoad.SqlFrontend.Statements;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.SqlFrontend.MySqlPort;

/// <summary>
/// An error as a MySQL ERR packet carries it: a code, an SQLSTATE and a message. Statement refusals read as Doris's do
/// (<c>ERROR 1105 (HY000): errCode = 2, detailMessage = ...</c>, the text the HTTP SQL API gives after "Failed to
/// execute sql: "); the protocol's own errors have MySQL's codes.
/// </summary>
public sealed record MySqlError(ushort Code, string SqlState, string Message)
{
    public static MySqlError AccessDenied(string user, string host, bool usingPassword) =>
        new(1045, "28000", $"Access denied for user '{user}'@'{host}' (using password: {(usingPassword ? "YES" : "NO")})");

    public static MySqlError TooManyConnections { get; } = new(1040, "08004", "Too many connections");

    public static MySqlError UnknownCommand(byte command) => new(1047, "08S01", $"Unknown command 0x{command:X2}");

    /// <summary>The client broke the protocol: a packet too large (1153), out of order or malformed (1158); the connection ends.</summary>
    public static MySqlError Broken(MySqlProtocolException e) =>
        new(e.PacketTooLarge ? (ushort)1153 : (ushort)1158, "08S01", e.Message);

    public static MySqlError UnknownStatement(uint id) => new(1243, "HY000", $"Unknown prepared statement handler ({id}) given to mysqld_stmt_execute");

    public static MySqlError TooManyPreparedStatements(int most) =>
        new(1461, "42000", $"Can't create more than max_prepared_stmt_count statements (current value: {most})");

    public static MySqlError EmptyQuery { get; } = new(1065, "42000", "Query was empty");

    /// <summary>A statement's refusal, in Doris's words; an unknown database keeps MySQL's code, which tools look for.</summary>
    public static MySqlError Refused(Exception e) => e switch
    {
        DorisException { Message: var message } when message.StartsWith("Unknown database", StringComparison.Ordinal) =>
            new MySqlError(1049, "42000", $"errCode = 2, detailMessage = {message}"),
        _ when StatementRunner.IsRefusal(e) => new MySqlError(1105, "HY000", $"errCode = 2, detailMessage = {e.Message}"),
        _ => new MySqlError(1105, "HY000", $"errCode = 2, detailMessage = internal error: {e.Message}"),
    };

    /// <summary>Protocol::ERR_Packet (4.1): 0xFF, the code, '#', the SQLSTATE, the message.</summary>
    public PayloadWriter Write(PayloadWriter payload) =>
        payload.Write(0xFF).WriteUInt16(Code).Write((byte)'#').WriteString(SqlState).WriteString(Message);
}
