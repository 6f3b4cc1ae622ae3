using System.Text;
using System.Text.Json;
using ContinuousLoad.Ingest.Formats.Csv;

namespace ContinuousLoad.Ingest.Formats.Json;

/// <summary>
/// Rows out of a JSON body: each object becomes one row whose fields are the wanted names (simple
/// mode) or paths. Values keep their JSON text: strings unescaped, numbers as written (no precision
/// lost), objects and arrays as raw JSON, null as NULL. A line that is not JSON is one malformed row;
/// a whole document that is not JSON fails the load.
/// </summary>
public sealed partial class JsonRowReader : IRowSource
{
    private static readonly byte[] True = "true"u8.ToArray();
    private static readonly byte[] False = "false"u8.ToArray();
    /// <summary>
    /// The reader and its Skip are iterative, so no body can exhaust the stack; past 256 levels it throws
    /// JsonException, which becomes a filtered row (JSON lines) or a failed load (a whole document).
    /// </summary>
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256, CommentHandling = JsonCommentHandling.Skip };

    private readonly Stream _input;
    private readonly JsonFormat _format;
    private readonly byte[][] _names;
    private readonly CsvReader? _lines;
    private readonly List<(int Start, int Length, string? Error)> _pending = [];
    private readonly int[] _fieldStart;
    private readonly int[] _fieldLength;
    private readonly FieldSource[] _fieldSource;
    private readonly int[] _lastPosition;

    /// <summary>Simple mode without root or outer array: every unit is at most one row, parsed once.</summary>
    private readonly bool _singleObjectUnit;
    private byte[] _unit = [];
    private int _unitLength;
    private byte[] _scratch = new byte[1024];
    private int _scratchLength;
    private int _next;
    private bool _documentRead;
    private int _rowStart;
    private int _rowLength;
    private long _bytes;

    public JsonRowReader(Stream input, JsonFormat format, IReadOnlyList<string> names)
    {
        _input = input;
        _format = format;
        _names = [.. names.Select(Encoding.UTF8.GetBytes)];
        _lines = format.ReadByLine ? CsvReader.ForLines(input, format.LineDelimiter) : null;
        FieldCount = names.Count;
        _fieldStart = new int[FieldCount];
        _fieldLength = new int[FieldCount];
        _fieldSource = new FieldSource[FieldCount];
        _lastPosition = Enumerable.Repeat(-1, FieldCount).ToArray();
        _singleObjectUnit = format is { Root: null, Paths: null, StripOuterArray: false };
    }

    private enum FieldSource : byte
    {
        Null,
        Unit,
        Scratch,
        True,
        False,
    }

    public int FieldCount { get; }

    public long RowNumber { get; private set; }

    public string? RowError { get; private set; }

    public long BytesRead => _lines?.BytesRead ?? _bytes;

    public ReadOnlySpan<byte> RawRow => _unit.AsSpan(_rowStart, _rowLength);

    public ReadOnlySpan<byte> Field(int index) => _fieldSource[index] switch
    {
        FieldSource.Unit => _unit.AsSpan(_fieldStart[index], _fieldLength[index]),
        FieldSource.Scratch => _scratch.AsSpan(_fieldStart[index], _fieldLength[index]),
        FieldSource.True => True,
        FieldSource.False => False,
        _ => [],
    };

    public bool IsNull(int index) => _fieldSource[index] == FieldSource.Null;

    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        while (_next >= _pending.Count)
        {
            _pending.Clear();
            _next = 0;
            if (!await NextUnitAsync(cancellationToken))
            {
                return false;
            }
        }

        var (start, length, error) = _pending[_next++];
        RowNumber++;
        _rowStart = start;
        _rowLength = length;
        if (error is not null)
        {
            RowError = error;
            return true;
        }

        RowError = null;
        try
        {
            Extract(_unit.AsSpan(start, length));
        }
        catch (JsonException e) when (_singleObjectUnit)
        {
            // Only a unit that is one object is parsed here for the first time.
            Array.Fill(_fieldSource, FieldSource.Null);
            RowError = $"Parse json data failed: {e.Message}";
        }

        return true;
    }

    public ValueTask DisposeAsync() => _lines?.DisposeAsync() ?? _input.DisposeAsync();

    /// <summary>Loads the next line (or the whole document) and finds its rows.</summary>
    private async ValueTask<bool> NextUnitAsync(CancellationToken cancellationToken)
    {
        if (_lines is not null)
        {
            while (await _lines.ReadAsync(cancellationToken))
            {
                var line = _lines.Field(0).Trim(" \t\r"u8);
                if (line.IsEmpty)
                {
                    continue;
                }

                SetUnit(line);
                FindRows();
                return true;
            }

            return false;
        }

        if (_documentRead)
        {
            return false;
        }

        _documentRead = true;
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = await _input.ReadAsync(chunk, cancellationToken)) > 0)
        {
            _bytes += read;
            if (_bytes > JsonFormat.MaxDocumentBytes)
            {
                throw new InvalidDataException("The size of this JSON body exceeds 100 MB; use read_json_by_line=true for larger loads");
            }

            buffer.Write(chunk, 0, read);
        }

        var document = buffer.GetBuffer().AsSpan(0, (int)buffer.Length).Trim(" \t\r\n"u8);
        if (document.StartsWith("\uFEFF"u8))
        {
            document = document[3..];
        }

        if (document.IsEmpty)
        {
            return false;
        }

        SetUnit(document);
        FindRows();
        if (_pending is [(_, _, { } failure)] && _pending[0].Length == _unitLength)
        {
            throw new InvalidDataException(failure);
        }

        return true;
    }

    private void SetUnit(ReadOnlySpan<byte> bytes)
    {
        if (_unit.Length < bytes.Length)
        {
            _unit = new byte[Math.Max(bytes.Length, _unit.Length * 2)];
        }

        bytes.CopyTo(_unit);
        _unitLength = bytes.Length;
    }

    /// <summary>Finds the row objects of the current unit (after json_root; the elements of an array).</summary>
    private void FindRows()
    {
        var unit = _unit.AsSpan(0, _unitLength);
        if (!System.Text.Unicode.Utf8.IsValid(unit))
        {
            Fail("Parse json data failed: the data is not valid UTF-8");
            return;
        }

        try
        {
            var start = 0;
            var length = unit.Length;
            if (_format.Root is { } root && !root.TryFind(unit, out start, out length))
            {
                Fail($"JSON root {root.Text} not found in the data");
                return;
            }

            var value = unit.Slice(start, length);
            var reader = new Utf8JsonReader(value, ReaderOptions);
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                if (!_format.StripOuterArray)
                {
                    Fail("JSON data is array-object, `strip_outer_array` must be TRUE.");
                    return;
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var element = (int)reader.TokenStartIndex;
                    var isObject = reader.TokenType == JsonTokenType.StartObject;
                    reader.Skip();
                    var elementLength = (int)reader.BytesConsumed - element;
                    _pending.Add((start + element, elementLength, isObject ? null : "Parse json data failed: an element of the outer array is not an object"));
                }
            }
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                if (_format.StripOuterArray)
                {
                    Fail("JSON data is an object, but `strip_outer_array` is TRUE: an array was expected.");
                    return;
                }

                if (_singleObjectUnit)
                {
                    // The unit is the row: reading its fields checks it, one pass instead of two.
                    _pending.Add((0, unit.Length, null));
                    return;
                }

                reader.Skip();
                _pending.Add((start, (int)reader.BytesConsumed, null));
            }
            else
            {
                Fail("JSON data is neither an object nor an array of objects.");
                return;
            }

            // The value must end where the unit ends.
            if (_format.Root is null ? reader.Read() : MoreAfterValue(unit))
            {
                Fail("Parse json data failed: more than one JSON value in the data");
            }
        }
        catch (JsonException e)
        {
            Fail($"Parse json data failed: {e.Message}");
        }
    }

    private static bool MoreAfterValue(ReadOnlySpan<byte> unit)
    {
        var whole = new Utf8JsonReader(unit, ReaderOptions);
        whole.Read();
        whole.Skip();
        return whole.Read();
    }

    private void Fail(string error)
    {
        _pending.Clear();
        _pending.Add((0, _unitLength, error));
    }
}
