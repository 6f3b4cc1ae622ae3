using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using ContinuousLoad.Sources.Postgres.Values;

namespace ContinuousLoad.Sources.Postgres.Snapshot;

/// <summary>
/// Reads rows from a binary COPY stream (PostgreSQL docs, COPY, "Binary Format"): the 19-byte header,
/// then per tuple an Int16 field count (-1 ends the data) and per field an Int32 length (-1 = NULL) and
/// the bytes. A field is a value's binary form or its text, as KeysetSql selected it for the column's type.
/// Reads the stream in large blocks and only locates each row's fields there (<see cref="Current"/>
/// decodes what its caller asks for); nothing grows with the table.
/// </summary>
internal sealed class BinaryCopyRowReader(Stream stream, IReadOnlyList<PgTypeInfo> columns) : IDisposable
{
    private static readonly byte[] Signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];
    private const int MinimumRead = 16 * 1024;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
    private int _start;
    private int _end;
    private bool _headerRead;
    private bool _finished;

    /// <summary>The row <see cref="ReadAsync"/> moved to, valid until the next call.</summary>
    private readonly int _columnCount = columns.Count;

    public SnapshotRow Current { get; } = new(columns);

    /// <summary>Moves to the next row; false at the end of the data. Blocks while the stream does.</summary>
    public bool Read()
    {
        while (!_finished)
        {
            if (TryParse())
            {
                return true;
            }

            if (_finished)
            {
                break;
            }

            Fill();
        }

        return false;
    }

    // Runs once per row: compiled optimized at once rather than tiered up while a snapshot is under way.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryParse()
    {
        var data = _buffer.AsSpan(_start, _end - _start);
        var at = 0;
        if (!_headerRead)
        {
            if (data.Length < 19)
            {
                return false;
            }

            if (!data[..11].SequenceEqual(Signature))
            {
                throw new PostgresSourceException(PostgresSourceError.ProtocolViolation, $"Binary COPY data does not start with the PGCOPY signature: got {Convert.ToHexString(data[..11])}.");
            }

            var extension = BinaryPrimitives.ReadInt32BigEndian(data[15..]);
            if (data.Length < 19 + extension)
            {
                return false;
            }

            at = 19 + extension;
            _headerRead = true;
            _start += at;
            data = data[at..];
            at = 0;
        }

        if (data.Length < 2)
        {
            return false;
        }

        var count = BinaryPrimitives.ReadInt16BigEndian(data);
        if (count == -1)
        {
            _finished = true;
            return false;
        }

        if (count != _columnCount)
        {
            throw new PostgresSourceException(PostgresSourceError.ProtocolViolation, $"Binary COPY tuple has {count} fields, expected {_columnCount}.");
        }

        at = 2;
        for (var i = 0; i < count; i++)
        {
            if (data.Length - at < 4)
            {
                return false;
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(data[at..]);
            at += 4;
            if (data.Length - at < length)
            {
                return false;
            }

            Current.Locate(_buffer, i, _start + at, Math.Max(length, -1));
            at += Math.Max(length, 0);
        }

        _start += at;
        return true;
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        // A read may hand out as little as one CopyData message (one row); gather many before parsing.
        var before = _end;
        while (_buffer.Length - _end >= MinimumRead)
        {
            var read = stream.Read(_buffer.AsSpan(_end));
            if (read == 0)
            {
                break;
            }

            _end += read;
        }

        if (_end == before && _buffer.Length - _end >= MinimumRead)
        {
            throw new PostgresSourceException(PostgresSourceError.ProtocolViolation, "Binary COPY data ended before its trailer (-1 field count).");
        }

        if (_end == before)
        {
            var read = stream.Read(_buffer.AsSpan(_end));
            _end += read > 0 ? read : throw new PostgresSourceException(PostgresSourceError.ProtocolViolation, "Binary COPY data ended before its trailer (-1 field count).");
        }
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
}
