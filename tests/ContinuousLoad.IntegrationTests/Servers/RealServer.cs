using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Servers;

/// <summary>
/// A server started by tests/servers/*.sh, probed once per run. Its members hand out connection
/// details only when the probe succeeded; otherwise the asking test skips (or fails under CI).
/// </summary>
public abstract class RealServer : IAsyncLifetime
{
    /// <summary>Why the server cannot be used, or null when it can.</summary>
    protected string? UnavailableReason { get; set; }

    public abstract ValueTask InitializeAsync();

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    protected T Available<T>(T? value) where T : class
    {
        ServerRequirement.Ensure(UnavailableReason);
        return value ?? throw new InvalidOperationException($"{GetType().Name} was probed but holds no value.");
    }
}
