using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace ContinuousLoad.Sources.Postgres.Wire;

/// <summary>
/// A plain PostgreSQL protocol 3.0 connection (PostgreSQL docs "Frontend/Backend Protocol") that does
/// only what snapshot reads need: start up and authenticate (<see cref="WireStartup"/>), run simple
/// queries that return no rows, and stream a COPY's data (<see cref="CopyOutStream"/>).
/// <para>
/// Why not Npgsql here: its COPY stream hands out one message per read, and a binary COPY is one message
/// per row — millions of reads through its async machinery cost several times the CPU the server spends
/// producing the rows. This connection reads the socket in large blocks and walks the messages in place.
/// It blocks: it is meant for a thread of its own (<see cref="Snapshot.ChunkCopier"/> gives it one), where
/// a blocking read is cheaper than an async one. Cancellation closes the socket.
/// </para>
/// </summary>
internal sealed class WireConnection : IDisposable
{
    private const int BlockSize = 256 * 1024;
    private readonly Socket? _socket;
    private Stream _stream;
    private byte[] _buffer = new byte[BlockSize];
    private int _start;
    private int _end;
    private CancellationToken _token;

    /// <summary>A connection over <paramref name="stream"/>; without a socket, cancellation is only checked, not enforced (byte-level tests).</summary>
    internal WireConnection(Stream stream, Socket? socket = null) => (_stream, _socket) = (stream, socket);

    /// <summary>Connects, negotiates TLS as the settings ask, starts up and authenticates.</summary>
    /// <exception cref="Npgsql.PostgresException">The server refused (wrong password, unknown database ...).</exception>
    public static WireConnection Open(WireSettings settings, CancellationToken cancellationToken)
    {
        var socket = Connect(settings, cancellationToken);
        var connection = new WireConnection(new NetworkStream(socket, ownsSocket: false), socket);
        try
        {
            using (connection.Watch(cancellationToken))
            {
                connection._stream = WireTls.Negotiate(socket, connection._stream, settings);
                WireStartup.Run(connection, settings);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs statements that return no rows (BEGIN, SET ...) as one simple query.</summary>
    public void Execute(string sql, CancellationToken cancellationToken)
    {
        using var watch = Watch(cancellationToken);
        Send(new FrontendMessage('Q').String(sql).Finish().Span);
        Npgsql.PostgresException? error = null;
        while (true)
        {
            var (type, length) = ReadHeader();
            var body = ReadBody(length);
            switch (type)
            {
                case 'E':
                    error ??= WireErrors.Parse(body);
                    break;
                case 'Z':
                    if (error is not null)
                    {
                        throw error;
                    }

                    return;
                case 'T' or 'D' or 'H' or 'G' or 'W':
                    throw WireErrors.Violation($"'{sql}' was to return nothing, the server answered with message '{type}'");
            }
        }
    }

    /// <summary>Sends a <c>COPY ... TO STDOUT</c> and returns its data as a stream, after the server's CopyOutResponse.</summary>
    public CopyOutStream CopyOut(string sql, CancellationToken cancellationToken)
    {
        var watch = Watch(cancellationToken);
        try
        {
            Send(new FrontendMessage('Q').String(sql).Finish().Span);
            while (true)
            {
                var (type, length) = ReadHeader();
                var body = ReadBody(length);
                switch (type)
                {
                    case 'H':
                        return new CopyOutStream(this, watch);
                    case 'E':
                        var error = WireErrors.Parse(body);
                        SkipToReady();
                        throw error;
                    case 'Z' or 'T' or 'D' or 'G' or 'W':
                        throw WireErrors.Violation($"'{sql}' was to start a COPY out, the server answered with message '{type}'");
                }
            }
        }
        catch
        {
            watch.Dispose();
            throw;
        }
    }

    internal void Send(ReadOnlySpan<byte> message)
    {
        try
        {
            _stream.Write(message);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            throw Lost(e);
        }
    }

    /// <summary>The next message's type and body length; the body is read next.</summary>
    internal (char Type, int Length) ReadHeader()
    {
        Fill(5);
        var type = (char)_buffer[_start];
        var length = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start + 1)) - 4;
        if (length < 0)
        {
            throw WireErrors.Violation($"message '{type}' says its length is {length + 4}, less than the 4 bytes of the length itself");
        }

        _start += 5;
        return (type, length);
    }

    /// <summary>A whole message body, valid until the next read.</summary>
    internal ReadOnlySpan<byte> ReadBody(int length)
    {
        Fill(length);
        var body = _buffer.AsSpan(_start, length);
        _start += length;
        return body;
    }

    /// <summary>Up to <paramref name="destination"/>'s length of the next bytes, at most <paramref name="limit"/>; blocks only when none is buffered.</summary>
    internal int ReadSome(Span<byte> destination, int limit)
    {
        if (_start == _end)
        {
            _start = _end = 0;
            _end = Receive(_buffer);
        }

        var count = Math.Min(Math.Min(destination.Length, limit), _end - _start);
        _buffer.AsSpan(_start, count).CopyTo(destination);
        _start += count;
        return count;
    }

    internal int Buffered => _end - _start;

    /// <summary>Reads and drops messages until ReadyForQuery, after an error.</summary>
    internal void SkipToReady()
    {
        while (true)
        {
            var (type, length) = ReadHeader();
            ReadBody(length);
            if (type == 'Z')
            {
                return;
            }
        }
    }

    private void Fill(int count)
    {
        if (_end - _start >= count)
        {
            return;
        }

        if (count > _buffer.Length)
        {
            var bigger = new byte[Math.Max(count, _buffer.Length * 2)];
            Buffer.BlockCopy(_buffer, _start, bigger, 0, _end - _start);
            (_buffer, _end, _start) = (bigger, _end - _start, 0);
        }
        else if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            (_end, _start) = (_end - _start, 0);
        }

        while (_end < count)
        {
            _end += Receive(_buffer.AsSpan(_end));
        }
    }

    private int Receive(Span<byte> into)
    {
        int read;
        try
        {
            read = _stream.Read(into);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            throw Lost(e);
        }

        return read > 0 ? read : throw Lost(null);
    }

    private Exception Lost(Exception? inner)
    {
        _token.ThrowIfCancellationRequested();
        return inner is IOException { InnerException: SocketException { SocketErrorCode: SocketError.TimedOut } }
            ? new TimeoutException("The PostgreSQL server sent nothing within the read timeout (Command Timeout).", inner)
            : new IOException("The connection to the PostgreSQL server was lost" + (inner is null ? "." : ": " + inner.Message), inner);
    }

    private CancellationTokenRegistration Watch(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _token = cancellationToken;
        return _socket is null ? default : cancellationToken.Register(static state => ((Socket)state!).Dispose(), _socket);
    }

    private static Socket Connect(WireSettings settings, CancellationToken cancellationToken)
    {
        EndPoint[] endPoints = settings.Host.StartsWith('/')
            ? [new UnixDomainSocketEndPoint(Path.Combine(settings.Host, $".s.PGSQL.{settings.Port}"))]
            : [.. Dns.GetHostAddresses(settings.Host).Select(a => new IPEndPoint(a, settings.Port))];
        Exception? last = null;
        foreach (var endPoint in endPoints)
        {
            var socket = endPoint is UnixDomainSocketEndPoint
                ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                : new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                ConnectBlocking(socket, endPoint, settings.ConnectTimeout);
                (socket.ReceiveTimeout, socket.SendTimeout) = (Milliseconds(settings.ReadTimeout), Milliseconds(settings.ReadTimeout));
                return socket;
            }
            catch (Exception e) when (e is SocketException or TimeoutException)
            {
                socket.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
                last = e;
            }
        }

        throw new IOException($"Cannot connect to PostgreSQL at {settings.Host}:{settings.Port}: {last?.Message ?? "the host has no address"}.", last);
    }

    // A socket that ever ran an async or non-blocking operation turns every later blocking read into a
    // wait on the async engine (epoll thread, thread-pool hand-offs), so the connect blocks too; Linux
    // applies the send timeout to connect, which bounds it.
    private static void ConnectBlocking(Socket socket, EndPoint endPoint, TimeSpan timeout)
    {
        socket.SendTimeout = Milliseconds(timeout);
        try
        {
            socket.Connect(endPoint);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress or SocketError.TimedOut)
        {
            throw new TimeoutException($"Connecting to {endPoint} took longer than {timeout.TotalSeconds} s (Timeout).", e);
        }
    }

    // Socket timeouts are milliseconds, 0 for none.
    private static int Milliseconds(TimeSpan timeout) => timeout == Timeout.InfiniteTimeSpan ? 0 : (int)timeout.TotalMilliseconds;

    public void Dispose()
    {
        try
        {
            if (_socket?.Connected ?? true)
            {
                _stream.Write(new FrontendMessage('X').Finish().Span);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            // Terminate is a courtesy; the server ends the session when the socket closes anyway.
        }

        _stream.Dispose();
        _socket?.Dispose();
    }
}
