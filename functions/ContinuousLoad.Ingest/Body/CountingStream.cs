using System.Diagnostics;

namespace ContinuousLoad.Ingest.Body;

/// <summary>
/// A read-only pass-through that counts the bytes read (a load's <c>LoadBytes</c>) and times the reads:
/// how long the load waited for data (<c>ReadDataTimeMs</c>) and from the first byte to the end of the body
/// (<c>ReceiveDataTimeMs</c>).
/// </summary>
public sealed class CountingStream(Stream inner) : ReadOnlyStream
{
    private long _waitTicks;
    private long _firstRead;
    private long _lastRead;

    public long BytesRead { get; private set; }

    public TimeSpan WaitTime => Stopwatch.GetElapsedTime(0, _waitTicks);

    public TimeSpan ReceiveTime => _firstRead == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_firstRead, _lastRead);

    /// <summary>Counts the bytes of a body of rows (<see cref="Loading.LoadBody.Rows"/>), which is not read through a stream.</summary>
    public void CountRowBytes(long bytes) => BytesRead += bytes;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        if (_firstRead == 0)
        {
            _firstRead = started;
        }

        var read = await inner.ReadAsync(buffer, cancellationToken);
        _lastRead = Stopwatch.GetTimestamp();
        _waitTicks += _lastRead - started;
        BytesRead += read;
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
