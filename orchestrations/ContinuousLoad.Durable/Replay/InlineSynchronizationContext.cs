using System.Collections.Concurrent;

namespace ContinuousLoad.Durable.Replay;

/// <summary>
/// Runs an orchestrator's continuations one at a time on the replaying thread, in the order they were
/// posted, so a replay follows exactly the path of the first run. A continuation posted from another
/// thread means the orchestrator awaited something that is not a durable task (a delay, I/O,
/// <c>CancelAsync</c>): that is recorded, because such code cannot replay.
/// </summary>
internal sealed class InlineSynchronizationContext : SynchronizationContext
{
    private readonly ConcurrentQueue<(SendOrPostCallback Callback, object? State)> _work = new();
    private Thread? _owner;

    /// <summary>Set once a continuation arrived from another thread.</summary>
    public bool PostedFromElsewhere { get; private set; }

    public override void Post(SendOrPostCallback d, object? state)
    {
        if (Thread.CurrentThread != _owner)
        {
            PostedFromElsewhere = true;
        }

        _work.Enqueue((d, state));
    }

    public override void Send(SendOrPostCallback d, object? state) => d(state);

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs <paramref name="start"/> and then every continuation it leads to, until none is left.</summary>
    public void Run(Action start)
    {
        var previous = Current;
        _owner = Thread.CurrentThread;
        SetSynchronizationContext(this);
        try
        {
            start();
            while (_work.TryDequeue(out var item))
            {
                item.Callback(item.State);
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
            _owner = null;
        }
    }
}
