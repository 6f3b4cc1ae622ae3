namespace ContinuousLoad.Durable.Replay;

/// <summary>Replay took a different path than the one recorded in history: the orchestrator code is not deterministic (or changed).</summary>
public sealed class NonDeterministicOrchestrationException(string message) : Exception(message);
