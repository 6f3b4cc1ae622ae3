using System.Buffers;
using System.Runtime.CompilerServices;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// Reads the row images of a rows event (MySQL Internals "ROWS_EVENT", rows part): each image is a NULL
/// bitmap with one bit per present column, then the values of the present, non-NULL columns. Updates
/// alternate before and after images, each with its own columns-present bitmap. One pass over the bytes
/// records where each value starts (<see cref="ColumnValueLength"/> checks every length); the values are
/// decoded only when a <see cref="RowImage"/> is read.
/// </summary>
public static class RowImageDecoder
{
    /// <summary>The images in event order (for updates: before, after, before, after, ...).</summary>
    /// <exception cref="BinlogFormatException">The images do not fit the event, or the table map and schema disagree on the columns.</exception>
    public static List<RowImage> Decode(RowsEvent rows, TableMapEvent tableMap, BinlogTableSchema schema)
    {
        if (rows.ColumnCount != tableMap.Columns.Length || schema.Columns.Count != tableMap.Columns.Length)
        {
            throw ColumnCountMismatch(rows, tableMap, schema.Columns.Count);
        }

        var bytes = Decode(rows, new RowImageLayout(tableMap, schema));
        var images = new List<RowImage>(bytes.ImageCount);
        for (var i = 0; i < bytes.ImageCount; i++)
        {
            images.Add(bytes.Image(i));
        }

        return images;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static RowImageBytes Decode(RowsEvent rows, RowImageLayout layout)
    {
        var columns = layout.Columns;
        if (rows.ColumnCount != columns.Length)
        {
            throw ColumnCountMismatch(rows, layout.TableMap, layout.Schema.Columns.Count);
        }

        var isUpdate = rows is UpdateRowsEvent;
        var reader = new BinlogSpanReader(rows.Rows.Span, rows.EventType);
        // The offsets are gathered in a pooled buffer (an event's image count is known only at its end) and kept in an exact copy.
        var buffer = ArrayPool<int>.Shared.Rent(Math.Max(columns.Length * 128, 1024));
        try
        {
            var count = 0;
            while (reader.Remaining > 0)
            {
                ReadImage(ref reader, rows.ColumnsPresent, layout, ref buffer, count++);
                if (isUpdate)
                {
                    ReadImage(ref reader, rows.ColumnsPresentAfter, layout, ref buffer, count++);
                }
            }

            return new RowImageBytes(layout, rows.Rows, buffer.AsSpan(0, count * columns.Length).ToArray(), count);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(buffer);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadImage(ref BinlogSpanReader reader, byte[] present, RowImageLayout layout, ref int[] allOffsets, int image)
    {
        var columns = layout.Columns;
        var schema = layout.ColumnSchemas;
        var fixedSizes = layout.FixedSizes;
        var lengthPrefixes = layout.LengthPrefixes;
        if ((image + 1) * columns.Length > allOffsets.Length)
        {
            var larger = ArrayPool<int>.Shared.Rent(allOffsets.Length * 2);
            allOffsets.CopyTo(larger, 0);
            ArrayPool<int>.Shared.Return(allOffsets);
            allOffsets = larger;
        }

        var offsets = allOffsets.AsSpan(image * columns.Length, columns.Length);
        var presentCount = 0;
        for (var i = 0; i < columns.Length; i++)
        {
            presentCount += (present[i / 8] >> (i % 8)) & 1;
        }

        if (presentCount == 0)
        {
            // Such an image takes no bytes: reading on would never reach the end of the event.
            throw new BinlogFormatException($"{reader.EventType} event: a row image with no column present (an empty columns-present bitmap) cannot be read");
        }

        var nulls = reader.ReadBytes((presentCount + 7) / 8, "row NULL bitmap");
        var nullIndex = 0;
        for (var i = 0; i < columns.Length; i++)
        {
            if ((present[i / 8] & (1 << (i % 8))) == 0)
            {
                offsets[i] = RowImageBytes.Absent;
                continue;
            }

            var isNull = (nulls[nullIndex / 8] & (1 << (nullIndex % 8))) != 0;
            nullIndex++;
            if (isNull)
            {
                offsets[i] = RowImageBytes.Null;
            }
            else
            {
                offsets[i] = reader.Offset;
                var size = fixedSizes[i];
                if (size == 0 && lengthPrefixes[i] != 0 && lengthPrefixes[i] <= reader.Remaining)
                {
                    // CHAR/VARCHAR: the length prefix says the size (checked below like any size).
                    var prefix = reader.RemainingBytes;
                    size = lengthPrefixes[i] + (lengthPrefixes[i] == 1 ? prefix[0] : prefix[0] | prefix[1] << 8);
                }

                if (size > 0 && size <= reader.Remaining)
                {
                    reader.Skip(size, "");
                }
                else
                {
                    // Strings and the like, and any value that does not fit: the full check, with its message.
                    ColumnValueLength.Skip(ref reader, columns[i], schema[i]);
                }
            }
        }
    }

    private static BinlogFormatException ColumnCountMismatch(RowsEvent rows, TableMapEvent tableMap, int schemaColumns) =>
        new($"{rows.EventType} event for {tableMap.Schema}.{tableMap.Table}: the rows have {rows.ColumnCount} columns, the table map {tableMap.Columns.Length}, the schema {schemaColumns}; reload the table's schema");
}
