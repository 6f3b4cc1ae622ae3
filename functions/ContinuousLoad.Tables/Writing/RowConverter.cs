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
    private readonly int[] _partitionOrdinals;
    private readonly SqlValue[] _partitionKey;

    public RowConverter(TableSchema table, ImmutableArray<ColumnSchema> columns, bool strictMode, EvaluationContext context)
    {
        Table = table;
        _columns = columns;
        _strict = strictMode;
        _context = context;
        _converted = new SqlValue[columns.Length];
        var partitioning = table.Partitioning;
        _partitionOrdinals = partitioning is null || partitioning.Auto || partitioning.Dynamic
            ? []
            : [.. partitioning.Columns.Select(name => columns.IndexOf(columns.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase))!))];
        _partitionKey = new SqlValue[_partitionOrdinals.Length];
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
                    return $"column({column.Name}) value is incorrect while strict mode is true, src value is {Show(source)}";
                case ConversionError.OutOfRange:
                    return $"column({column.Name}) value {Show(source)} is out of range for {column.Type}";
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

        if (_partitionOrdinals.Length > 0)
        {
            for (var i = 0; i < _partitionOrdinals.Length; i++)
            {
                _partitionKey[i] = _converted[_partitionOrdinals[i]];
            }

            if (Table.Partitioning!.Find(_partitionKey) is null)
            {
                return $"no partition for this tuple. tuple=({string.Join(", ", _partitionKey.Select(Show))})";
            }
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
