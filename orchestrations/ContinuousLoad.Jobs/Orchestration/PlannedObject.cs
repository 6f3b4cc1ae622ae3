namespace ContinuousLoad.Jobs.Orchestration;

/// <summary>An object a task loads, as listed when the batch was planned.</summary>
public sealed record PlannedObject(string Key, long Size, DateTime LastModifiedUtc);
