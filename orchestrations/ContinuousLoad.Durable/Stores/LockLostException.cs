namespace ContinuousLoad.Durable.Stores;

/// <summary>The work item's lease expired and another worker took it (or ran the same turn): nothing was written.</summary>
public sealed class LockLostException(string message) : Exception(message);
