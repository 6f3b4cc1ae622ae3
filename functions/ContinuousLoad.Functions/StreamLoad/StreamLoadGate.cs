namespace ContinuousLoad.Functions.StreamLoad;

/// <summary>
/// Caps the Stream Loads running at once on this host (<c>ContinuousLoad:Limits:MaxConcurrentStreamLoads</c>).
/// A load over the cap is refused at once, before its body is read, as Doris refuses a transaction over
/// <c>max_running_txn_num_per_db</c>; the client retries later.
/// </summary>
public sealed class StreamLoadGate(int limit)
{
    private int _running;

    public int Limit { get; } = limit;

    /// <returns>A lease to dispose when the load ends, or null when the cap is reached.</returns>
    public IDisposable? TryEnter()
    {
        if (Interlocked.Increment(ref _running) <= Limit)
        {
            return new Lease(this);
        }

        Interlocked.Decrement(ref _running);
        return null;
    }

    private sealed class Lease(StreamLoadGate gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref gate._running);
            }
        }
    }
}
