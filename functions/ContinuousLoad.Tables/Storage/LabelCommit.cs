namespace ContinuousLoad.Tables.Storage;

/// <summary>
/// What a commit records with the data: an attachment (opaque to the store), the result to hand back on
/// a retry, and for a 2PC pre-commit how long it may stay unresolved before it is aborted.
/// </summary>
public sealed record LabelCommit(string? Attachment = null, string? Result = null, TimeSpan? PreparedTimeout = null);
