namespace ContinuousLoad.Durable.Client;

/// <summary>How to start an instance: its id (default a new GUID) and when (default now).</summary>
public sealed record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null);
