namespace ContinuousLoad.Ingest.Formats.Csv;

/// <summary>Enclosed fields: <c>enclose</c> protects separators and line breaks, <c>escape</c> the enclose byte.</summary>
public sealed partial class CsvReader
{
    /// <summary>
    /// Reads <c>"..."</c> from <paramref name="start"/>: escape bytes and doubled enclose bytes (when the
    /// escape is the enclose byte) are removed into the scratch buffer. <paramref name="after"/> is the
    /// position after the closing enclose.
    /// </summary>
    private bool ReadEnclosed(ReadOnlySpan<byte> data, int start, int field, out int after)
    {
        var enclose = _format.Enclose!.Value;
        var escape = _format.Escape;
        var position = start + 1;
        var contentStart = position;
        var copying = false;
        var scratchStart = _scratchLength;
        while (true)
        {
            var found = position < _end ? data[position.._end].IndexOfAny(_enclosedStops) : -1;
            if (found < 0)
            {
                after = _end;
                return false;
            }

            var at = position + found;
            var isEscape = escape is { } x && data[at] == x && (x != enclose || (at + 1 < _end && data[at + 1] == enclose));
            if (isEscape)
            {
                if (at + 1 >= _end)
                {
                    after = _end;
                    return false;
                }

                // Keep what came before, then the escaped byte itself.
                Copy(data[position..at]);
                Copy(data.Slice(at + 1, 1));
                copying = true;
                position = at + 2;
                continue;
            }

            if (data[at] != enclose)
            {
                position = at + 1;
                continue;
            }

            if (copying)
            {
                Copy(data[position..at]);
                AddField(field, scratchStart, _scratchLength - scratchStart, scratch: true);
            }
            else
            {
                AddField(field, contentStart, at - contentStart, scratch: false);
            }

            after = at + 1;
            return true;
        }
    }

    private void Copy(ReadOnlySpan<byte> bytes)
    {
        if (_scratchLength + bytes.Length > _scratch.Length)
        {
            Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, _scratchLength + bytes.Length));
        }

        bytes.CopyTo(_scratch.AsSpan(_scratchLength));
        _scratchLength += bytes.Length;
    }
}
