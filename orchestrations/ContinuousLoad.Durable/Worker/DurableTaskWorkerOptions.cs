namespace ContinuousLoad.Durable.Worker;

/// <summary>How a worker takes work: concurrency, leases, poison limit, polling.</summary>
public sealed record DurableTaskWorkerOptions
{
    /// <summary>Turns run at once (each is short: replay and decide).</summary>
    public int MaxConcurrentOrchestrations { get; init; } = 4;

    /// <summary>Activities run at once.</summary>
    public int MaxConcurrentActivities { get; init; } = 8;

    /// <summary>How long a lease lasts without renewal; it is renewed every third of it.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A message or activity taken this many times without finishing is poison: its instance or call fails.</summary>
    public int MaxDequeueCount { get; init; } = 10;

    /// <summary>Messages one turn takes at most.</summary>
    public int MaxMessagesPerTurn { get; init; } = 100;

    public TimeSpan MinPollingInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long shutdown waits for running work before releasing its leases.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Names this worker in the leases it holds.</summary>
    public string WorkerId { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
}
