using System.Net;

namespace ContinuousLoad.IntegrationTests.StreamLoad;

/// <summary>
/// A chunked request body that sends (and flushes) its first part, then waits until the test opens the
/// gate, as a slow producer behind <c>curl -T -</c> would. Closing the gate for good hangs up instead.
/// </summary>
public sealed class GatedContent(byte[] first, byte[] rest) : HttpContent
{
    private readonly TaskCompletionSource<bool> _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstSent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first part is on the wire.</summary>
    public Task FirstPartSent => _firstSent.Task;

    /// <summary>Lets the rest of the body go.</summary>
    public void Open() => _gate.TrySetResult(true);

    /// <summary>Ends the request without the rest of the body: the client gives up mid-upload.</summary>
    public void Abandon() => _gate.TrySetResult(false);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(first);
        await stream.FlushAsync();
        _firstSent.TrySetResult();
        if (!await _gate.Task)
        {
            throw new IOException("the client abandoned the upload");
        }

        await stream.WriteAsync(rest);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
