namespace ContinuousLoad.Tables.Storage;

/// <summary>
/// <see cref="Direct"/>: rows go to their tables and become visible at commit. <see cref="TwoPhase"/>:
/// rows are staged and the commit only pre-commits (durable, invisible) until committed or aborted by label or id.
/// </summary>
public enum WriteMode
{
    Direct,
    TwoPhase,
}
