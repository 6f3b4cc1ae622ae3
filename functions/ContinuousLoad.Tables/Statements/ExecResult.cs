using ContinuousLoad.Sql.Sessions;

namespace ContinuousLoad.Tables.Statements;

/// <summary>
/// A statement without rows. Writes report what Doris puts in its OK packet: rows affected and, for
/// INSERT, the label, transaction status (VISIBLE) and id.
/// </summary>
public sealed record ExecResult(long AffectedRows = 0, string? Label = null, string? Status = null, long? TransactionId = null) : StatementResult
{
    /// <summary>The session's variables after a SET of session variables: a session that outlives the statement keeps them.</summary>
    public SessionVariables? Variables { get; init; }

    /// <summary>The session's default database after USE.</summary>
    public string? Database { get; init; }

    public static ExecResult Done { get; } = new();
}
