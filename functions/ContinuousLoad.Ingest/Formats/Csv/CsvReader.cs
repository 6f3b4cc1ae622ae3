using System.Buffers;
using System.Runtime.Intrinsics;

namespace ContinuousLoad.Ingest.Formats.Csv;

/// <summary>
/// Streams rows out of a CSV body. Boundaries are found with vectorized searches over a reused
/// buffer; fields are offsets into it (copied only when an enclosed field must be unescaped), so a
/// row costs no allocation. A UTF-8 BOM is skipped, so are empty lines (as Doris does); <c>\N</c> is
/// NULL; enclose/escape protect separators and line breaks inside a field.
/// </summary>
public sealed partial class CsvReader : IRowSource
{
    public const int MaxRowBytes = 256 * 1024 * 1024;
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private readonly Stream _input;
    private readonly CsvFormat _format;
    private readonly SearchValues<byte> _boundaries;
    private readonly SearchValues<byte> _enclosedStops;
    private readonly bool _simple;
    private byte[] _buffer = new byte[1 << 20];
    private byte[] _scratch = new byte[4096];
    private int _scratchLength;
    private int _start;
    private int _end;
    private bool _eof;
    private bool _started;
    private int _rowStart;
    private int _rowLength;
    private int[] _fieldStarts = new int[64];
    private int[] _fieldLengths = new int[64];
    private bool[] _fieldScratch = new bool[64];

    public CsvReader(Stream input, CsvFormat format)
    {
        _input = input;
        _format = format;
        _boundaries = SearchValues.Create([format.ColumnSeparator[0], format.LineDelimiter[0], .. format.Enclose is { } e ? new[] { e } : []]);
        _enclosedStops = SearchValues.Create([format.Enclose ?? 0, .. format.Escape is { } x ? new[] { x } : []]);
        _simple = Vector256.IsHardwareAccelerated && format is { ColumnSeparator.Length: 1, LineDelimiter.Length: 1, Enclose: null, TrimDoubleQuotes: false };
    }

    /// <summary>A reader whose rows are whole lines (one field each), for line-oriented formats such as JSON lines.</summary>
    public static CsvReader ForLines(Stream input, byte[] lineDelimiter) => new(input, new CsvFormat(lineDelimiter, lineDelimiter));

    public int FieldCount { get; private set; }

    public long RowNumber { get; private set; }

    public string? RowError { get; private set; }

    public long BytesRead { get; private set; }

    public ReadOnlySpan<byte> RawRow => _buffer.AsSpan(_rowStart, _rowLength);

    public ReadOnlySpan<byte> Field(int index) => _fieldScratch[index]
        ? _scratch.AsSpan(_fieldStarts[index], _fieldLengths[index])
        : _buffer.AsSpan(_fieldStarts[index], _fieldLengths[index]);

    public bool IsNull(int index) => Field(index) is [(byte)'\\', (byte)'N'];

    /// <remarks>Rows already buffered are returned synchronously; only a refill awaits.</remarks>
    public ValueTask<bool> ReadAsync(CancellationToken cancellationToken) =>
        _started && TryNextBuffered() ? new ValueTask<bool>(true) : ReadRefillingAsync(cancellationToken);

    private async ValueTask<bool> ReadRefillingAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_started && TryNextBuffered())
            {
                return true;
            }

            if (_eof)
            {
                return false;
            }

            await FillAsync(cancellationToken);
        }
    }

    /// <summary>Moves to the next row in the buffer, skipping empty lines as Doris does; false when a refill is needed.</summary>
    private bool TryNextBuffered()
    {
        while (TryParseRow(final: _eof))
        {
            if (_rowLength == 0 && RowError is null)
            {
                continue;
            }

            RowNumber++;
            return true;
        }

        return false;
    }

    public ValueTask DisposeAsync() => _input.DisposeAsync();

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxRowBytes)
            {
                throw new InvalidDataException($"a row is longer than {MaxRowBytes / (1024 * 1024)} MB (no line delimiter found)");
            }

            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxRowBytes));
        }

        var read = await _input.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        BytesRead += read;
        _end += read;
        _eof = read == 0;
        if (!_started && (_end >= Bom.Length || _eof))
        {
            _started = true;
            if (_buffer.AsSpan(0, _end).StartsWith(Bom))
            {
                _start = Bom.Length;
            }
        }
    }

    /// <summary>Parses one row starting at <see cref="_start"/>; false when the buffer holds no complete row yet.</summary>
    private bool TryParseRow(bool final)
    {
        if (_start >= _end)
        {
            return false;
        }

        if (_simple)
        {
            return TryParseSimpleRow(final);
        }

        var data = _buffer.AsSpan(0, _end);
        var separator = _format.ColumnSeparator;
        var delimiter = _format.LineDelimiter;
        var position = _start;
        var fields = 0;
        _scratchLength = 0;
        RowError = null;
        while (true)
        {
            var fieldStart = position;
            var enclosed = false;
            if (_format.Enclose is { } enclose && position < _end && data[position] == enclose)
            {
                if (!ReadEnclosed(data, position, fields, out position))
                {
                    if (!final)
                    {
                        return false;
                    }

                    // The body ended inside an enclosed field: the rest is one malformed row.
                    AddField(fields++, fieldStart, _end - fieldStart, scratch: false);
                    return EndRow(fields, _end, _end, "unterminated enclosed field: the enclose character is never closed");
                }

                enclosed = true;
            }

            var boundary = Next(data, position);
            if (boundary < 0)
            {
                if (!final)
                {
                    return false;
                }

                if (!enclosed)
                {
                    AddField(fields, fieldStart, _end - fieldStart, scratch: false);
                }

                fields++;
                StripCarriageReturn(fields);
                return EndRow(fields, _end, _end, null);
            }

            var isDelimiter = Matches(data, boundary, delimiter)
                              && !(Matches(data, boundary, separator) && separator.Length > delimiter.Length);
            if (!enclosed)
            {
                AddField(fields, fieldStart, boundary - fieldStart, scratch: false);
            }

            fields++;
            if (isDelimiter)
            {
                StripCarriageReturn(fields);
                return EndRow(fields, boundary, boundary + delimiter.Length, null);
            }

            position = boundary + separator.Length;
        }
    }

    /// <summary>The next separator or delimiter at or after <paramref name="position"/> (multi-byte ones verified).</summary>
    private int Next(ReadOnlySpan<byte> data, int position)
    {
        var separator = _format.ColumnSeparator;
        var delimiter = _format.LineDelimiter;
        while (position < data.Length)
        {
            var found = data[position..].IndexOfAny(_boundaries);
            if (found < 0)
            {
                return -1;
            }

            var at = position + found;
            if (Matches(data, at, separator) || Matches(data, at, delimiter))
            {
                return at;
            }

            if (at + Math.Max(separator.Length, delimiter.Length) > data.Length && !_eof)
            {
                // A multi-byte boundary may continue past the buffered data.
                return -1;
            }

            position = at + 1;
        }

        return -1;
    }

    private static bool Matches(ReadOnlySpan<byte> data, int at, byte[] token) =>
        at + token.Length <= data.Length && data.Slice(at, token.Length).SequenceEqual(token);

    private void AddField(int index, int start, int length, bool scratch)
    {
        if (!scratch && _format.TrimDoubleQuotes && length >= 2 && _buffer[start] == '"' && _buffer[start + length - 1] == '"')
        {
            start++;
            length -= 2;
        }

        SetField(index, start, length);
        _fieldScratch[index] = scratch;
    }

    private void StripCarriageReturn(int fields)
    {
        var last = fields - 1;
        if (_format.StripCarriageReturn && !_fieldScratch[last] && _fieldLengths[last] > 0
            && _buffer[_fieldStarts[last] + _fieldLengths[last] - 1] == '\r')
        {
            _fieldLengths[last]--;
        }
    }

    private bool EndRow(int fields, int rowEnd, int next, string? error)
    {
        FieldCount = fields;
        _rowStart = _start;
        _rowLength = rowEnd - _start;
        _start = next;
        RowError = error;
        return true;
    }
}
