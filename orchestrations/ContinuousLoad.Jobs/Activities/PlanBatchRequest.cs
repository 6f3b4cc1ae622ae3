using ContinuousLoad.Jobs.Definitions;

namespace ContinuousLoad.Jobs.Activities;

/// <summary>Find the next objects of <paramref name="Definition"/>'s source after <paramref name="After"/> (null: from the start).</summary>
public sealed record PlanBatchRequest(JobDefinition Definition, string? After);
