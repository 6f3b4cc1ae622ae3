namespace ContinuousLoad.Tables.Storage;

/// <summary>Where a label's transaction stands: pre-committed (2PC), committed and visible, or aborted (label reusable).</summary>
public enum LabelState
{
    Prepared,
    Visible,
    Aborted,
}
