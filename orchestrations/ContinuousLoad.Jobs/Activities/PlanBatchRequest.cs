using ContinuousLoad.Jobs.Definitions;

namespace ContinuousLoad.Jobs.Activities;

/// <summary>
/// Find the next objects of <paramref name="Definition"/>'s source after <paramref name="After"/> (null: from
/// the start); with a <paramref name="Ledger"/>, every key after it that the ledger does not hold.
/// </summary>
public sealed record PlanBatchRequest(JobDefinition Definition, string? After, string? Ledger = null);
