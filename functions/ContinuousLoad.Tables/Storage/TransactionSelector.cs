namespace ContinuousLoad.Tables.Storage;

/// <summary>Names a transaction for 2PC commit/abort: by label or by transaction id, as Doris's <c>_stream_load_2pc</c> accepts.</summary>
public sealed record TransactionSelector(string? Label, long? TransactionId)
{
    public static TransactionSelector ByLabel(string label) => new(label, null);

    public static TransactionSelector ById(long transactionId) => new(null, transactionId);

    public override string ToString() => Label is null ? $"transaction [{TransactionId}]" : $"label [{Label}]";
}
