using Microsoft.DurableTask.Client;

namespace ContinuousLoad.Jobs.Statements;

/// <summary>
/// The durable client jobs are reached through. The standalone host's runtime makes one at start. The Functions host
/// gives one only as a function's <c>[DurableClient]</c> binding (its isolated worker has no other way), so the functions
/// that need jobs offer the bound client here; it stays the same for the process.
/// </summary>
public sealed class DurableClientSlot(DurableTaskClient? client = null)
{
    private DurableTaskClient? _client = client;

    /// <exception cref="InvalidOperationException">No function has been given a client yet.</exception>
    public DurableTaskClient Client => Volatile.Read(ref _client)
        ?? throw new InvalidOperationException("The durable client is not known yet: a function bound to it has not run in this process");

    /// <summary>Keeps <paramref name="client"/> unless one is kept already.</summary>
    public void Offer(DurableTaskClient client) => Interlocked.CompareExchange(ref _client, client, null);
}
