namespace ContinuousLoad.Ingest.Loading;

/// <summary>A load's outcome, as Doris's <c>Status</c> names it.</summary>
public enum LoadStatus
{
    /// <summary><c>Success</c>: committed (or, with two-phase commit, pre-committed).</summary>
    Success,

    /// <summary><c>Label Already Exists</c>: the label belongs to a running, pre-committed or finished load; nothing was read.</summary>
    LabelAlreadyExists,

    /// <summary><c>Fail</c>: nothing was committed and the label is free again.</summary>
    Fail,
}
