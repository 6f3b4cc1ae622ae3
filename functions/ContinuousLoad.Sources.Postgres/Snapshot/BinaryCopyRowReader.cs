using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using ContinuousLoad.Sources.Postgres.Values;

namespace ContinuousLoad.Sources.Postgres.Snapshot;

/// <summary>
/// Reads rows from a binary COPY stream (PostgreSQL docs, COPY, "Binary Format"): the 19-byte header,
/// then per tuple an Int16 field count (-1 ends the data) and per field an Int32 length (-1 = NULL) and
/// the bytes. A field is a value's binary form or its text, as KeysetSql selected it for the column's type.
/// Reads the stream in large blocks and decodes in place; nothing grows with the table.
/// </summary>
internal sealed class BinaryCopyRowReader(Stream stream, IReadOnlyList<PgTypeInfo> columns) : IDisposable
{
    private readonly bool[] _binary = [.. columns.Select(BinaryValueDecoder.Supports)];
    private static readonly byte[] Signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];
    private const int MinimumRead = 16 * 1024;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
    private int _start;
    private int _end;
    private bool _headerRead;
    private bool _finished;

    /// <summary>The next row, or null at the end of the data.</summary>
    public async ValueTask<object?[]?> ReadAsync(CancellationToken cancellationToken)
    {
        while (!_finished)
        {
            if (TryParse(out var row))
            {
                return row;
            }

            if (_finished)
            {
                break;
            }

            await FillAsync(cancellationToken);
        }

        return null;
    }

    // Runs once per row: compiled optimized at once rather than tiered up while a snapshot is under way.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryParse(out object?[]? row)
    {
        row = null;
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

        if (count != columns.Count)
        {
            throw new PostgresSourceException(PostgresSourceError.ProtocolViolation, $"Binary COPY tuple has {count} fields, expected {columns.Count}.");
        }

        at = 2;
        var values = new object?[count];
        for (var i = 0; i < count; i++)
        {
            if (data.Length - at < 4)
            {
                return false;
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(data[at..]);
            at += 4;
            if (length < 0)
            {
                continue;
            }

            if (data.Length - at < length)
            {
                return false;
            }

            var field = data.Slice(at, length);
            values[i] = _binary[i] ? BinaryValueDecoder.Decode(columns[i], field) : TextValueDecoder.Decode(columns[i], field);
            at += length;
        }

        _start += at;
        row = values;
        return true;
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
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

        // The raw COPY stream hands out one CopyData message (one row) per read; gather many before parsing.
        var before = _end;
        while (_buffer.Length - _end >= MinimumRead)
        {
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
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
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            _end += read > 0 ? read : throw new PostgresSourceException(PostgresSourceError.ProtocolViolation, "Binary COPY data ended before its trailer (-1 field count).");
        }
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
}
