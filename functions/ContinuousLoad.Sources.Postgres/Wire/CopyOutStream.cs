namespace ContinuousLoad.Sources.Postgres.Wire;

/// <summary>
/// The data of a COPY out (PostgreSQL docs "COPY Operations"): the payloads of the CopyData messages, joined,
/// as a read-only stream that ends at CopyDone. Each read fills the caller's buffer from as many messages as
/// are already received, and blocks only when none is. An ErrorResponse ends the stream with the server's
/// error; notices and parameter changes in between are skipped. Disposed before the end, it closes the
/// connection, which is in the middle of the COPY and of no further use.
/// </summary>
internal sealed class CopyOutStream(WireConnection connection, CancellationTokenRegistration watch) : Stream
{
    private int _payloadLeft;
    private bool _finished;

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length && !_finished)
        {
            if (_payloadLeft > 0)
            {
                var read = connection.ReadSome(buffer[written..], _payloadLeft);
                (written, _payloadLeft) = (written + read, _payloadLeft - read);
                if (connection.Buffered == 0)
                {
                    break; // hand out what arrived rather than wait for more
                }

                continue;
            }

            if (written > 0 && connection.Buffered < 5)
            {
                break;
            }

            var (type, length) = connection.ReadHeader();
            if (type == 'd')
            {
                _payloadLeft = length;
                continue;
            }

            var body = connection.ReadBody(length);
            switch (type)
            {
                case 'E':
                    var error = WireErrors.Parse(body);
                    connection.SkipToReady();
                    Finish();
                    throw error;
                case 'Z':
                    Finish();
                    break;
                case 'c' or 'C' or 'N' or 'S' or 'A':
                    break;
                default:
                    throw WireErrors.Violation($"message '{type}' inside COPY out data");
            }
        }

        return written;
    }

    /// <summary>Reads to the end of the COPY (CopyDone, CommandComplete, ReadyForQuery), which must hold no more data.</summary>
    public void Complete()
    {
        Span<byte> rest = stackalloc byte[64];
        if (Read(rest) > 0)
        {
            throw WireErrors.Violation("COPY data continues after the binary trailer");
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    private void Finish()
    {
        _finished = true;
        watch.Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_finished)
        {
            watch.Dispose();
            connection.Dispose();
        }

        base.Dispose(disposing);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
