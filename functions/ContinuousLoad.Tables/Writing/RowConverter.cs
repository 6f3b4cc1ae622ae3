using System.Collections.Immutable;
using System.Text;
using ContinuousLoad.Sql.Conversion;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Tables.Writing;

/// <summary>
/// Turns values into a table row with Doris's data-quality rules: a value that does not convert is
/// NULL unless strict mode is on (then the row is filtered); out-of-range numbers, too-long strings,
/// NULL in NOT NULL columns and rows outside every partition are always filtered. A filtered row
/// leaves the batch untouched.
/// </summary>
public sealed class RowConverter
{
    private readonly ImmutableArray<ColumnSchema> _columns;
    private readonly bool _strict;
    private readonly EvaluationContext _context;
    private readonly SqlValue[] _converted;
    private readonly PartitionRouter _partitions;

    public RowConverter(TableSchema table, ImmutableArray<ColumnSchema> columns, bool strictMode, EvaluationContext context)
    {
        Table = table;
        _columns = columns;
        _strict = strictMode;
        _context = context;
        _converted = new SqlValue[columns.Length];
        _partitions = new PartitionRouter(table, columns);
    }

    public TableSchema Table { get; }

    /// <summary>Converts one row (values in the converter's column order) and appends it to <paramref name="batch"/>.</summary>
    /// <returns>Null when the row was appended; otherwise why it was filtered.</returns>
    public string? TryAppend(ReadOnlySpan<SqlValue> values, ReadOnlySpan<DataType> sourceTypes, RowBatch batch, RowOperation operation = RowOperation.Upsert)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            var column = _columns[i];
            var source = values[i];
            var result = ValueConverter.Convert(source, sourceTypes[i], column.Type, _context.TimeZone, checkLength: true);
            switch (result.Error)
            {
                case ConversionError.Invalid when _strict:
                    return RowRejection.StrictModeInvalid(column, Show(source));
                case ConversionError.OutOfRange:
                    return RowRejection.OutOfRange(column, Show(source));
                case ConversionError.TooLong:
                    return $"column({column.Name}) the length of input {Show(source)} is longer than schema length {column.Type.Length} (in bytes)";
            }

            if (result.Value.IsNull && !Table.AcceptsNull(column))
            {
                return source.IsNull
                    ? $"column({column.Name}) null value for not null column"
                    : $"column({column.Name}) value {Show(source)} is not a valid {column.Type}, and the column is not nullable";
            }

            _converted[i] = result.Value;
        }

        if (_partitions.Check(_converted, static (row, ordinal) => row[ordinal]) is { } outside)
        {
            return outside;
        }

        for (var i = 0; i < _columns.Length; i++)
        {
            ValueEncoding.Append(batch.Vectors[i], _converted[i], _columns[i].Type);
        }

        batch.EndRow(operation);
        return null;
    }

    private static string Show(SqlValue value)
    {
        if (value.IsNull)
        {
            return "NULL";
        }

        var text = value.ToString();
        return Encoding.UTF8.GetByteCount(text) > 64 ? text[..Math.Min(text.Length, 64)] + "..." : text;
    }
}
