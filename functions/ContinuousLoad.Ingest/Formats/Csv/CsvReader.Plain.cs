using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ContinuousLoad.Ingest.Formats.Csv;

/// <summary>The vectorized path for plain CSV: one-byte separator and delimiter, no enclose.</summary>
public sealed partial class CsvReader
{
    /// <summary>
    /// The common case — one-byte separator and delimiter, no enclose, no quote trimming — 32 bytes at a
    /// time: each block is compared with both bytes at once and every match in its bit mask ends a field.
    /// </summary>
    private bool TryParseSimpleRow(bool final)
    {
        var data = _buffer.AsSpan(0, _end);
        var separator = _format.ColumnSeparator[0];
        var delimiter = _format.LineDelimiter[0];
        var separators = Vector256.Create(separator);
        var delimiters = Vector256.Create(delimiter);
        ref var origin = ref MemoryMarshal.GetReference(data);
        var position = _start;
        var fieldStart = _start;
        var fields = 0;
        RowError = null;
        while (position + Vector256<byte>.Count <= _end)
        {
            var block = Vector256.LoadUnsafe(ref origin, (nuint)position);
            var mask = (Vector256.Equals(block, separators) | Vector256.Equals(block, delimiters)).ExtractMostSignificantBits();
            while (mask != 0)
            {
                var at = position + BitOperations.TrailingZeroCount(mask);
                SetField(fields++, fieldStart, at - fieldStart);
                if (data[at] == delimiter)
                {
                    StripCarriageReturn(fields);
                    return EndRow(fields, at, at + 1, null);
                }

                fieldStart = at + 1;
                mask &= mask - 1;
            }

            position += Vector256<byte>.Count;
        }

        for (; position < _end; position++)
        {
            var b = data[position];
            if (b != separator && b != delimiter)
            {
                continue;
            }

            SetField(fields++, fieldStart, position - fieldStart);
            if (b == delimiter)
            {
                StripCarriageReturn(fields);
                return EndRow(fields, position, position + 1, null);
            }

            fieldStart = position + 1;
        }

        if (!final)
        {
            return false;
        }

        SetField(fields++, fieldStart, _end - fieldStart);
        StripCarriageReturn(fields);
        return EndRow(fields, _end, _end, null);
    }

    private void SetField(int index, int start, int length)
    {
        if (index == _fieldStarts.Length)
        {
            Array.Resize(ref _fieldStarts, index * 2);
            Array.Resize(ref _fieldLengths, index * 2);
            Array.Resize(ref _fieldScratch, index * 2);
        }

        _fieldStarts[index] = start;
        _fieldLengths[index] = length;
        _fieldScratch[index] = false;
    }
}
