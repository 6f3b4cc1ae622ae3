namespace ContinuousLoad.Tables.Storage;

/// <summary>
/// The label is taken: by a committed or pre-committed transaction (<see cref="ExistingRecord"/> set)
/// or by a load still running. Doris answers <c>Label Already Exists</c> with <c>ExistingJobStatus</c>.
/// </summary>
public sealed class LabelAlreadyExistsException(string database, string label, LabelRecord? existing)
    : Exception($"Label [{label}] has already been used, relate to txn [{existing?.TransactionId.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "running"}]")
{
    public string Database { get; } = database;

    public string Label { get; } = label;

    public LabelRecord? ExistingRecord { get; } = existing;

    /// <summary>Doris's <c>ExistingJobStatus</c>: FINISHED once visible, PRECOMMITTED for a 2PC pre-commit, RUNNING for a load in progress.</summary>
    public string ExistingJobStatus => ExistingRecord?.State switch
    {
        LabelState.Visible => "FINISHED",
        LabelState.Prepared => "PRECOMMITTED",
        _ => "RUNNING",
    };
}
