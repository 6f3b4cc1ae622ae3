using ContinuousLoad.Ingest.Loading;

namespace ContinuousLoad.Jobs.Sources;

/// <summary>
/// A batch opened for its load: the bodies for the ingest engine, and the offset the job reaches when they
/// commit — the planned <see cref="JobBatch.End"/>, or for a snapshot range where it was read (the exact
/// point, which only opening knows; the last key, which only reading knows). Disposing it releases what
/// reading holds at the source.
/// </summary>
public sealed class OpenedBatch(IAsyncEnumerable<LoadBody> bodies, Func<SourceOffset> end, IAsyncDisposable? holds = null) : IAsyncDisposable
{
    public OpenedBatch(IAsyncEnumerable<LoadBody> bodies, SourceOffset end, IAsyncDisposable? holds = null)
        : this(bodies, () => end, holds)
    {
    }

    public IAsyncEnumerable<LoadBody> Bodies { get; } = bodies;

    /// <summary>The offset once every body is read.</summary>
    public SourceOffset End => end();

    public ValueTask DisposeAsync() => holds?.DisposeAsync() ?? ValueTask.CompletedTask;
}
