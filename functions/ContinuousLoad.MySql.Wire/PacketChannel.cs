using System.Buffers;
using System.Net.Sockets;

namespace ContinuousLoad.MySql.Wire;

/// <summary>
/// The packet layer (MySQL Client/Server Protocol, "MySQL Packets"): every payload travels behind a
/// 4-byte header — 3-byte little-endian length and a 1-byte sequence id that counts up from 0 in each
/// command exchange (wrapping at 255). A payload of 16 MB - 1 bytes or more is split into packets of
/// 0xFFFFFF bytes followed by a shorter (possibly empty) one; reads join them again. The sequence id
/// is checked on every packet read.
/// <para>Reads are served from one large buffer: a payload that fits is returned as a slice of it
/// (no copy), valid until the next read. Larger or split payloads are joined in a pooled buffer.
/// Every socket read has the read timeout; a silent peer ends in <see cref="MySqlConnectionException"/>. A payload
/// longer than <see cref="MaxPayloadLength"/> is refused before it is read. Writes go out one payload at a time, or
/// gathered in a write buffer when the caller defers the flush (a server's result rows).</para>
/// <para>Both ends use it: the MySQL source as a client (its peer is "the server"), the MySQL port as a server.</para>
/// </summary>
public sealed class PacketChannel : IAsyncDisposable
{
    /// <summary>The largest payload one packet carries; a packet this long means "more follows".</summary>
    public const int MaxPacketPayload = 0xFF_FFFF;

    /// <summary>How many bytes of packets written without a flush are gathered before they go out in one write.</summary>
    private const int WriteBufferSize = 64 * 1024;
    private Stream _stream;
    private byte[] _readBuffer;
    private int _start;
    private int _end;
    private byte[] _joined = [];
    private byte[] _writeBuffer = [];
    private int _writeLength;
    private byte _sequence;

    private readonly string _peer;

    /// <param name="peer">Who is at the other end, as messages name it: "server" or "client".</param>
    public PacketChannel(Stream stream, int readBufferSize, TimeSpan readTimeout, string peer = "server")
    {
        _stream = stream;
        _peer = peer;
        _readBuffer = ArrayPool<byte>.Shared.Rent(Math.Max(readBufferSize, 1024));
        ReadTimeout = readTimeout;
    }

    /// <summary>How long one socket read may wait; <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan ReadTimeout { get; set; }

    /// <summary>
    /// Whether a socket read may take more than the packet being read needs (the default, fewer reads). A server turns it
    /// off to read a client's SSLRequest, after which the client's TLS handshake follows at once and must stay unread.
    /// </summary>
    public bool ReadAhead { get; set; } = true;

    /// <summary>The longest payload a read accepts (joined over its packets); longer ones end the conversation.</summary>
    public int MaxPayloadLength { get; set; } = int.MaxValue;

    /// <summary>The sequence id the next packet (read or written) must carry.</summary>
    public byte Sequence => _sequence;

    /// <summary>Starts a new command exchange: the next packet written carries sequence id 0.</summary>
    public void ResetSequence() => _sequence = 0;

    /// <summary>Swaps the transport (after the TLS handshake). Nothing may be buffered at that point.</summary>
    public void ReplaceStream(Stream stream)
    {
        if (_end != _start)
        {
            throw new MySqlProtocolException($"The {_peer} sent {_end - _start} unexpected byte(s) before the TLS handshake.");
        }

        _stream = stream;
    }

    public Stream Stream => _stream;

    /// <summary>The next payload; the memory stays valid until the next read on this channel.</summary>
    public ValueTask<ReadOnlyMemory<byte>> ReadPayloadAsync(CancellationToken cancellationToken)
    {
        var available = _end - _start;
        if (available >= 4)
        {
            var length = _readBuffer[_start] | _readBuffer[_start + 1] << 8 | _readBuffer[_start + 2] << 16;
            if (length < MaxPacketPayload && length <= MaxPayloadLength && available >= 4 + length)
            {
                CheckSequence(_readBuffer[_start + 3]);
                var payload = new ReadOnlyMemory<byte>(_readBuffer, _start + 4, length);
                _start += 4 + length;
                return new ValueTask<ReadOnlyMemory<byte>>(payload);
            }
        }

        return ReadPayloadSlowAsync(cancellationToken);
    }

    private async ValueTask<ReadOnlyMemory<byte>> ReadPayloadSlowAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        var first = true;
        while (true)
        {
            await EnsureBufferedAsync(4, -1, cancellationToken);
            var length = _readBuffer[_start] | _readBuffer[_start + 1] << 8 | _readBuffer[_start + 2] << 16;
            CheckSequence(_readBuffer[_start + 3]);
            if (first && length < MaxPacketPayload && length <= MaxPayloadLength && 4 + length <= _readBuffer.Length)
            {
                await EnsureBufferedAsync(4 + length, length, cancellationToken);
                var payload = new ReadOnlyMemory<byte>(_readBuffer, _start + 4, length);
                _start += 4 + length;
                return payload;
            }

            if ((long)total + length > MaxPayloadLength)
            {
                throw new MySqlProtocolException(
                    $"The {_peer} sent a packet of more than {MaxPayloadLength} bytes, the most this end accepts (max_allowed_packet).")
                {
                    PacketTooLarge = true,
                };
            }

            first = false;
            _start += 4;
            GrowJoined(total + length);
            var copied = 0;
            while (copied < length)
            {
                if (_end == _start)
                {
                    await FillAsync(length - copied, cancellationToken);
                }

                var piece = Math.Min(length - copied, _end - _start);
                _readBuffer.AsSpan(_start, piece).CopyTo(_joined.AsSpan(total + copied));
                _start += piece;
                copied += piece;
            }

            total += length;
            if (length < MaxPacketPayload)
            {
                return new ReadOnlyMemory<byte>(_joined, 0, total);
            }
        }
    }

    /// <summary>Writes a payload built in a <see cref="PayloadWriter"/> (one write when under 16 MB).</summary>
    /// <param name="flush">
    /// False to gather it with the packets that follow in the channel's write buffer (the rows of a result set), which
    /// goes out whenever it fills and at <see cref="FlushAsync"/>.
    /// </param>
    public async ValueTask WritePayloadAsync(PayloadWriter payload, CancellationToken cancellationToken, bool flush = true)
    {
        if (payload.Length >= MaxPacketPayload)
        {
            await WritePayloadAsync(payload.Payload, cancellationToken);
            return;
        }

        var framed = payload.WithHeaderRoom;
        WriteHeader(framed.AsSpan(), payload.Length);
        await SendAsync(framed.AsMemory(), flush, cancellationToken);
    }


    /// <summary>Writes any payload, split into 16 MB packets (plus an empty one after an exact multiple).</summary>
    public async ValueTask WritePayloadAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var header = new byte[4];
        var offset = 0;
        while (true)
        {
            var length = Math.Min(MaxPacketPayload, payload.Length - offset);
            WriteHeader(header, length);
            await SendAsync(header, flush: false, cancellationToken);
            if (length > 0)
            {
                await SendAsync(payload.Slice(offset, length), flush: false, cancellationToken);
            }

            offset += length;
            if (length < MaxPacketPayload)
            {
                break;
            }
        }

        await FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        Return(ref _readBuffer);
        Return(ref _writeBuffer);
        Return(ref _joined);
    }

    private void WriteHeader(Span<byte> header, int length)
    {
        header[0] = (byte)length;
        header[1] = (byte)(length >> 8);
        header[2] = (byte)(length >> 16);
        header[3] = _sequence++;
    }

    private void CheckSequence(byte actual)
    {
        if (actual != _sequence)
        {
            throw new MySqlProtocolException(
                $"Packet out of order: expected sequence id {_sequence}, got {actual}. The connection is out of step with the {_peer}; open a new one.");
        }

        _sequence++;
    }

    // Makes at least `count` bytes readable from _start (count never exceeds the buffer).
    private async ValueTask EnsureBufferedAsync(int count, int payloadLength, CancellationToken cancellationToken)
    {
        while (_end - _start < count)
        {
            await FillAsync(count - (_end - _start), cancellationToken, payloadLength);
        }
    }

    private async ValueTask FillAsync(int missing, CancellationToken cancellationToken, int payloadLength = -1)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_readBuffer.Length - _end < missing)
        {
            _readBuffer.AsSpan(_start, _end - _start).CopyTo(_readBuffer);
            _end -= _start;
            _start = 0;
        }

        int read;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (ReadTimeout != Timeout.InfiniteTimeSpan)
        {
            timeout.CancelAfter(ReadTimeout);
        }

        try
        {
            read = await _stream.ReadAsync(ReadAhead ? _readBuffer.AsMemory(_end) : _readBuffer.AsMemory(_end, missing), timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MySqlConnectionException(
                $"The {_peer} sent nothing for {ReadTimeout.TotalSeconds:0.###} s (read timeout) while {missing} more byte(s) of a packet were expected; the connection is abandoned.");
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            throw new MySqlConnectionException($"The connection to the {_peer} was lost while reading: {e.Message}", e);
        }

        if (read == 0)
        {
            var what = payloadLength >= 0 ? $"a packet with a {payloadLength}-byte payload" : "a packet";
            throw new MySqlConnectionException(
                $"The {_peer} closed the connection while {missing} more byte(s) of {what} were expected.");
        }

        _end += read;
    }

    /// <summary>Gathers <paramref name="bytes"/> in the write buffer, or writes them through when they do not fit or nothing waits before them.</summary>
    private async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, bool flush, CancellationToken cancellationToken)
    {
        if (_writeLength > 0 && _writeLength + bytes.Length > WriteBufferSize)
        {
            var pending = _writeLength;
            _writeLength = 0;
            await WriteAsync(_writeBuffer.AsMemory(0, pending), cancellationToken);
        }

        if (_writeLength == 0 && (flush || bytes.Length >= WriteBufferSize))
        {
            await WriteAsync(bytes, cancellationToken);
        }
        else
        {
            if (_writeBuffer.Length == 0)
            {
                _writeBuffer = ArrayPool<byte>.Shared.Rent(WriteBufferSize);
            }

            bytes.CopyTo(_writeBuffer.AsMemory(_writeLength));
            _writeLength += bytes.Length;
        }

        if (flush)
        {
            await FlushAsync(cancellationToken);
        }
    }

    // A peer that stops reading would block a write forever once the socket buffers fill: writes get the read timeout too.
    private async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (ReadTimeout != Timeout.InfiniteTimeSpan)
        {
            timeout.CancelAfter(ReadTimeout);
        }

        try
        {
            await _stream.WriteAsync(bytes, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MySqlConnectionException(
                $"The {_peer} accepted no data for {ReadTimeout.TotalSeconds:0.###} s while {bytes.Length} byte(s) were being sent; the connection is abandoned.");
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            throw new MySqlConnectionException($"The connection to the {_peer} was lost while writing: {e.Message}", e);
        }
    }

    /// <summary>Sends what earlier writes left in the channel's write buffer.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_writeLength > 0)
        {
            var pending = _writeLength;
            _writeLength = 0;
            await WriteAsync(_writeBuffer.AsMemory(0, pending), cancellationToken);
        }

        try
        {
            await _stream.FlushAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            throw new MySqlConnectionException($"The connection to the {_peer} was lost while writing: {e.Message}", e);
        }
    }

    private void GrowJoined(int size)
    {
        if (_joined.Length >= size)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(size, _joined.Length * 2));
        _joined.AsSpan().CopyTo(larger);
        Return(ref _joined);
        _joined = larger;
    }

    private static void Return(ref byte[] buffer)
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        buffer = [];
    }
}
