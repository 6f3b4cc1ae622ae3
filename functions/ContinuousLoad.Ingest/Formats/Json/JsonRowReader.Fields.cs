using System.Text;
using System.Text.Json;

namespace ContinuousLoad.Ingest.Formats.Json;

/// <summary>Filling a row's fields from one JSON object: by key (simple mode) or by path.</summary>
public sealed partial class JsonRowReader
{
    /// <summary>Fills the fields of one object row by name (simple mode) or by path.</summary>
    private void Extract(ReadOnlySpan<byte> row)
    {
        _scratchLength = 0;
        Array.Fill(_fieldSource, FieldSource.Null);
        if (_format.Paths is { } paths)
        {
            for (var i = 0; i < paths.Count && i < FieldCount; i++)
            {
                if (paths[i].TryFind(row, out var start, out var length))
                {
                    SetField(i, row.Slice(start, length), _rowStart + start);
                }
            }

            return;
        }

        var reader = new Utf8JsonReader(row, ReaderOptions);
        reader.Read();
        ReadFields(ref reader);
        if (_singleObjectUnit && reader.Read())
        {
            throw new JsonException("more than one JSON value in the data");
        }
    }

    /// <summary>Simple mode: each property whose name is wanted fills its field.</summary>
    private void ReadFields(ref Utf8JsonReader reader)
    {
        var position = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Match(ref reader, position++);
            reader.Read();
            if (field >= 0)
            {
                SetValue(field, ref reader, _rowStart);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    /// <summary>The wanted field a property names: the one at the same position last row first (objects mostly share key order), case-insensitively.</summary>
    private int Match(ref Utf8JsonReader reader, int position)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (_lastPosition[i] == position && reader.ValueTextEquals(_names[i]))
            {
                return i;
            }
        }

        var name = reader.GetString()!;
        for (var i = 0; i < _names.Length; i++)
        {
            if (Encoding.UTF8.GetString(_names[i]).Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                _lastPosition[i] = position;
                return i;
            }
        }

        return -1;
    }

    /// <summary>Stores the value at <paramref name="value"/> (a path's match).</summary>
    private void SetField(int field, ReadOnlySpan<byte> value, int unitOffset)
    {
        var reader = new Utf8JsonReader(value, ReaderOptions);
        reader.Read();
        SetValue(field, ref reader, unitOffset);
    }

    /// <summary>
    /// Stores the value the reader is on: strings unescaped, literals and containers as their JSON text.
    /// <paramref name="unitOffset"/> is where the reader's input starts in the unit. Leaves the reader at the value's end.
    /// </summary>
    private void SetValue(int field, ref Utf8JsonReader reader, int unitOffset)
    {
        var start = unitOffset + (int)reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                _fieldSource[field] = FieldSource.Null;
                return;
            case JsonTokenType.True:
                _fieldSource[field] = FieldSource.True;
                return;
            case JsonTokenType.False:
                _fieldSource[field] = FieldSource.False;
                return;
            case JsonTokenType.String when !reader.ValueIsEscaped:
                _fieldSource[field] = FieldSource.Unit;
                _fieldStart[field] = start + 1;
                _fieldLength[field] = reader.ValueSpan.Length;
                return;
            case JsonTokenType.String:
                var needed = reader.ValueSpan.Length;
                if (_scratchLength + needed > _scratch.Length)
                {
                    Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, _scratchLength + needed));
                }

                var written = reader.CopyString(_scratch.AsSpan(_scratchLength));
                _fieldSource[field] = FieldSource.Scratch;
                _fieldStart[field] = _scratchLength;
                _fieldLength[field] = written;
                _scratchLength += written;
                return;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                reader.Skip();
                _fieldSource[field] = FieldSource.Unit;
                _fieldStart[field] = start;
                _fieldLength[field] = unitOffset + (int)reader.BytesConsumed - start;
                return;
            default:
                _fieldSource[field] = FieldSource.Unit;
                _fieldStart[field] = start;
                _fieldLength[field] = reader.ValueSpan.Length;
                return;
        }
    }
}
