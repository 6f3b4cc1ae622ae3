namespace ContinuousLoad.Ingest.Options;

/// <summary>How a UNIQUE KEY load applies its rows: upsert them, delete their keys, or per row by the <c>delete</c> condition.</summary>
public enum MergeType
{
    Append,
    Delete,
    Merge,
}
