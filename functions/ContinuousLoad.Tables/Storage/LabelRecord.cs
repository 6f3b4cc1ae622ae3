namespace ContinuousLoad.Tables.Storage;

/// <summary>
/// What a store remembers of a label: its transaction, state and times, the opaque attachment written
/// with the data (jobs keep offsets there) and the load's result for idempotent retries.
/// </summary>
public sealed record LabelRecord(
    string Database,
    string Label,
    long TransactionId,
    LabelState State,
    DateTime CreatedUtc,
    DateTime? FinishedUtc,
    DateTime? ExpiresUtc,
    string? Attachment,
    string? Result);
