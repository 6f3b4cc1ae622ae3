namespace ContinuousLoad.Tables.Storage;

/// <summary>
/// What a commit records with the data: an attachment (opaque to the store), the result to hand back on
/// a retry, for a 2PC pre-commit how long it may stay unresolved before it is aborted, and the ledger
/// entries of the source items it consumed (not with 2PC).
/// </summary>
public sealed record LabelCommit(string? Attachment = null, string? Result = null, TimeSpan? PreparedTimeout = null, LedgerEntries? Ledger = null)
{
    /// <exception cref="InvalidOperationException">Ledger entries with a 2PC pre-commit, which could still be aborted.</exception>
    public void EnsureAllowedIn(WriteMode mode)
    {
        if (Ledger is not null && mode == WriteMode.TwoPhase)
        {
            throw new InvalidOperationException("Ledger entries are recorded only by one-phase commits");
        }
    }
}
