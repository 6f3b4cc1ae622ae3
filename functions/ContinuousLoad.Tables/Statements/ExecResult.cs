namespace ContinuousLoad.Tables.Statements;

/// <summary>
/// A statement without rows. Writes report what Doris puts in its OK packet: rows affected and, for
/// INSERT, the label, transaction status (VISIBLE) and id.
/// </summary>
public sealed record ExecResult(long AffectedRows = 0, string? Label = null, string? Status = null, long? TransactionId = null) : StatementResult
{
    public static ExecResult Done { get; } = new();
}
