using ContinuousLoad.Ingest.Loading;

namespace ContinuousLoad.Jobs.Sources;

/// <summary>
/// A batch opened for its load: the bodies for the ingest engine, and the offset the job reaches when they
/// commit — the planned <see cref="JobBatch.End"/>, or for a snapshot range the exact point it was read at,
/// which only opening knows. Disposing it releases what reading holds at the source.
/// </summary>
public sealed class OpenedBatch(IAsyncEnumerable<LoadBody> bodies, SourceOffset end, IAsyncDisposable? holds = null) : IAsyncDisposable
{
    public IAsyncEnumerable<LoadBody> Bodies { get; } = bodies;

    public SourceOffset End { get; } = end;

    public ValueTask DisposeAsync() => holds?.DisposeAsync() ?? ValueTask.CompletedTask;
}
