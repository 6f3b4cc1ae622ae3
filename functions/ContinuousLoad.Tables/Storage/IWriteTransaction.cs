namespace ContinuousLoad.Tables.Storage;

/// <summary>
/// One store transaction holding a label: rows of any number of tables of one database, committed
/// together with the label record, or not at all. Disposing without commit rolls back and frees the label.
/// </summary>
public interface IWriteTransaction : IAsyncDisposable
{
    string Database { get; }

    string Label { get; }

    long TransactionId { get; }

    WriteMode Mode { get; }

    /// <summary>Applies the batch under its table's key model (staged instead in <see cref="WriteMode.TwoPhase"/>).</summary>
    Task WriteAsync(RowBatch batch, CancellationToken cancellationToken);

    /// <summary>Commits the rows and the label record in one store transaction (in 2PC: pre-commits them).</summary>
    /// <exception cref="LabelAlreadyExistsException">Another transaction committed the same label first.</exception>
    Task<LabelRecord> CommitAsync(LabelCommit commit, CancellationToken cancellationToken);
}
