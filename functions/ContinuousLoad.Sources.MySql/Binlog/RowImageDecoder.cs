using System.Runtime.CompilerServices;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// Decodes the row images of a rows event (MySQL Internals "ROWS_EVENT", rows part): each image is a NULL
/// bitmap with one bit per present column, then the values of the present, non-NULL columns. Updates
/// alternate before and after images, each with its own columns-present bitmap.
/// </summary>
public static class RowImageDecoder
{
    /// <summary>The images in event order (for updates: before, after, before, after, ...).</summary>
    /// <exception cref="BinlogFormatException">The images do not fit the event, or the table map and schema disagree on the columns.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<RowImage> Decode(RowsEvent rows, TableMapEvent tableMap, BinlogTableSchema schema)
    {
        var columns = tableMap.Columns;
        if (rows.ColumnCount != columns.Length || schema.Columns.Count != columns.Length)
        {
            throw new BinlogFormatException($"{rows.EventType} event for {tableMap.Schema}.{tableMap.Table}: the rows have {rows.ColumnCount} columns, the table map {columns.Length}, the schema {schema.Columns.Count}; reload the table's schema");
        }

        var images = new List<RowImage>();
        var isUpdate = rows is UpdateRowsEvent;
        var reader = new BinlogSpanReader(rows.Rows.Span, rows.EventType);
        while (reader.Remaining > 0)
        {
            images.Add(ReadImage(ref reader, columns, schema, rows.ColumnsPresent));
            if (isUpdate)
            {
                images.Add(ReadImage(ref reader, columns, schema, rows.ColumnsPresentAfter));
            }
        }

        return images;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static RowImage ReadImage(ref BinlogSpanReader reader, BinlogColumn[] columns, BinlogTableSchema schema, byte[] present)
    {
        var presentCount = 0;
        for (var i = 0; i < columns.Length; i++)
        {
            presentCount += (present[i / 8] >> (i % 8)) & 1;
        }

        var nulls = reader.ReadBytes((presentCount + 7) / 8, "row NULL bitmap");
        var values = new object?[columns.Length];
        var nullIndex = 0;
        for (var i = 0; i < columns.Length; i++)
        {
            if ((present[i / 8] & (1 << (i % 8))) == 0)
            {
                continue;
            }

            var isNull = (nulls[nullIndex / 8] & (1 << (nullIndex % 8))) != 0;
            nullIndex++;
            if (!isNull)
            {
                values[i] = ColumnValueDecoder.Read(ref reader, columns[i], schema.Columns[i]);
            }
        }

        return new RowImage(values, present);
    }
}
