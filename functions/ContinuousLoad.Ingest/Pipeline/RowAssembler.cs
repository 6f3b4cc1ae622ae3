using System.Text;
using ContinuousLoad.Ingest.Formats;
using ContinuousLoad.Sql.Conversion;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Storage;
using ContinuousLoad.Tables.Writing;

namespace ContinuousLoad.Ingest.Pipeline;

/// <summary>
/// Turns source rows into table rows under Doris's data-quality rules, appending straight to the
/// batch's column vectors (a filtered or unselected row is rolled back). Fields convert from their
/// bytes without passing through strings; expressions and conditions use the shared evaluator.
/// </summary>
public sealed class RowAssembler
{
    private readonly LoadPlan _plan;
    private readonly bool _strict;
    private readonly EvaluationContext _context;
    private readonly FieldEncoder[] _encoders;
    private readonly ColumnVector[] _constants;
    private readonly CompiledExpression? _where;
    private readonly CompiledExpression? _delete;
    private readonly SqlValue[] _sourceValues;
    private readonly SqlValue[] _predicateRow;
    private readonly PartitionRouter _partitions;
    private readonly bool[] _kept;
    private bool _keyOnly;
    private bool _anyKept;

    public RowAssembler(LoadPlan plan, bool strictMode, EvaluationContext context, IReadOnlyList<string> partitions)
    {
        _plan = plan;
        _strict = strictMode;
        _context = context;
        _encoders = [.. plan.Columns.Select(c => new FieldEncoder(c.Type, context.TimeZone))];
        _constants = [.. plan.Columns.Select((c, i) => Constant(plan.Sources[i], c))];
        _where = plan.WhereCondition is null ? null : ExpressionCompiler.Compile(plan.WhereCondition);
        _delete = plan.DeleteCondition is null ? null : ExpressionCompiler.Compile(plan.DeleteCondition);
        _sourceValues = new SqlValue[plan.SourceNames.Count];
        _predicateRow = new SqlValue[plan.Columns.Length + plan.SourceNames.Count];
        _kept = new bool[plan.Columns.Length];
        try
        {
            _partitions = new PartitionRouter(plan.Table, plan.Columns, partitions);
        }
        catch (DorisException e)
        {
            throw new Options.LoadRequestException(e.Message);
        }
    }

    /// <summary>
    /// The plan's columns the row last appended does not carry, because its source did not send what they are made
    /// from (<see cref="IRowSource.IsAbsent"/>; change-data upserts only): they hold NULL in the batch and must keep
    /// the table's values — write the row on its own, without them. Null when the row carries every column.
    /// </summary>
    public IReadOnlyList<bool>? Kept => _anyKept ? _kept : null;

    /// <summary>Appends the current source row to <paramref name="batch"/>, or says why not.</summary>
    public RowOutcome Append(IRowSource source, RowBatch batch, out string? reason)
    {
        reason = null;
        var mark = batch.Count;
        // Deletes go by key unless a sequence column orders them (then they are stored as rows).
        _keyOnly = _plan.ChangeData && _plan.Table.SequenceColumn is null && SignsDelete(source);
        if ((reason = FindKept(source)) is not null)
        {
            return RowOutcome.Filtered;
        }

        if (_plan.NeedsSourceValues)
        {
            for (var i = 0; i < _sourceValues.Length; i++)
            {
                _sourceValues[i] = i >= source.FieldCount || source.IsNull(i) ? SqlValue.Null : SqlValue.FromString(Encoding.UTF8.GetString(source.Field(i)));
            }
        }

        for (var c = 0; c < _plan.Columns.Length; c++)
        {
            if (_kept[c])
            {
                batch.Vectors[c].AddNull();
                continue;
            }

            reason = AppendColumn(c, source, batch.Vectors[c]);
            if (reason is not null)
            {
                Rollback(batch, mark);
                return RowOutcome.Filtered;
            }
        }

        if (_partitions.Check((batch, mark), static (row, ordinal) => ValueEncoding.Read(row.batch.Vectors[ordinal], row.mark, row.batch.Columns[ordinal].Type))
            is { } partitionProblem)
        {
            reason = partitionProblem;
            Rollback(batch, mark);
            return RowOutcome.Filtered;
        }

        if (_where is not null || _delete is not null)
        {
            if (_anyKept && _plan.ConditionReads.FirstOrDefault(p => p < _kept.Length ? _kept[p] : source.IsAbsent(p - _kept.Length), -1) is >= 0 and var unknown)
            {
                reason = $"the job's WHERE reads {ConditionName(unknown)}, which the source did not send with this change";
                Rollback(batch, mark);
                return RowOutcome.Filtered;
            }

            FillPredicateRow(batch, mark);
            if (_where is not null && !ExpressionCompiler.IsTrue(_where(_predicateRow, _context)))
            {
                if (_plan.ChangeData)
                {
                    batch.EndRow(RowOperation.Delete);
                    return RowOutcome.Loaded;
                }

                Rollback(batch, mark);
                return RowOutcome.Unselected;
            }
        }

        batch.EndRow(Operation(source));
        return RowOutcome.Loaded;
    }

    /// <summary>Which columns the row keeps from the table (see <see cref="Kept"/>); a key the source did not send is the row's error.</summary>
    private string? FindKept(IRowSource source)
    {
        _anyKept = false;
        if (!_plan.ChangeData || _keyOnly)
        {
            return null;
        }

        for (var c = 0; c < _kept.Length; c++)
        {
            _kept[c] = _plan.Sources[c] switch
            {
                ColumnSource.Field field => source.IsAbsent(field.Index),
                ColumnSource.Derived derived => derived.Fields.Any(source.IsAbsent),
                _ => false,
            };
            if (_kept[c] && _plan.Columns[c].IsKey)
            {
                return $"the source did not send key column {_plan.Columns[c].Name} with this change";
            }

            _anyKept |= _kept[c];
        }

        return null;
    }

    private string ConditionName(int position) => position < _plan.Columns.Length ? _plan.Columns[position].Name : _plan.SourceNames[position - _plan.Columns.Length];

    private RowOperation Operation(IRowSource source)
    {
        if (_plan.DeleteAll)
        {
            return RowOperation.Delete;
        }

        if (_delete is not null && ExpressionCompiler.IsTrue(_delete(_predicateRow, _context)))
        {
            return RowOperation.Delete;
        }

        return SignsDelete(source) ? RowOperation.Delete : RowOperation.Upsert;
    }

    private bool SignsDelete(IRowSource source)
    {
        var sign = _plan.DeleteSignField;
        return sign >= 0 && sign < source.FieldCount && !source.IsNull(sign) && source.Field(sign) is [(byte)'1'];
    }

    private string? AppendColumn(int c, IRowSource source, ColumnVector vector)
    {
        var column = _plan.Columns[c];
        switch (_plan.Sources[c])
        {
            case ColumnSource.Field field:
                if (field.Index >= source.FieldCount || source.IsNull(field.Index))
                {
                    return AppendNull(column, vector, wasNull: true);
                }

                var bytes = source.Field(field.Index);
                return _encoders[c].Encode(bytes, vector) switch
                {
                    ConversionError.None => null,
                    ConversionError.Invalid when _strict => RowRejection.StrictModeInvalid(column, Show(bytes)),
                    ConversionError.Invalid => AppendNull(column, vector, wasNull: false, bytes),
                    ConversionError.TooLong => TooLong(column, bytes),
                    _ => RowRejection.OutOfRange(column, Show(bytes)),
                };
            case ColumnSource.Derived derived:
                var value = derived.Expression(_sourceValues, _context);
                var converted = ValueConverter.Convert(value, derived.Type, column.Type, _context.TimeZone, checkLength: true);
                switch (converted.Error)
                {
                    case ConversionError.None when converted.Value.IsNull:
                        return AppendNull(column, vector, wasNull: true);
                    case ConversionError.None:
                        ValueEncoding.Append(vector, converted.Value, column.Type);
                        return null;
                    case ConversionError.Invalid when _strict:
                        return RowRejection.StrictModeInvalid(column, value.ToString());
                    case ConversionError.Invalid:
                        return AppendNull(column, vector, wasNull: false);
                    case ConversionError.TooLong:
                        return TooLong(column, Encoding.UTF8.GetBytes(value.ToString()));
                    default:
                        return RowRejection.OutOfRange(column, value.ToString());
                }

            default:
                var constant = _constants[c];
                if (constant.IsNull(0) && !_plan.Table.AcceptsNull(column))
                {
                    return $"column({column.Name}) values is null while columns is not nullable";
                }

                vector.AddFrom(constant, 0);
                return null;
        }
    }

    private string? AppendNull(ColumnSchema column, ColumnVector vector, bool wasNull, ReadOnlySpan<byte> source = default)
    {
        // A change-data delete carries its key; the source may send nothing else, and nothing else is stored.
        if (!_plan.Table.AcceptsNull(column) && !(_keyOnly && !column.IsKey && wasNull))
        {
            return wasNull
                ? $"column_name[{column.Name}], null value for not null column, type={column.Type}"
                : $"column({column.Name}) value {Show(source)} is invalid and the column is not nullable";
        }

        vector.AddNull();
        return null;
    }

    private static string TooLong(ColumnSchema column, ReadOnlySpan<byte> bytes) =>
        $"column_name[{column.Name}], the length of input is too long than schema. first 32 bytes of input str: [{Show(bytes[..Math.Min(32, bytes.Length)])}] " +
        $"schema length: {column.Type.Length}; actual length: {bytes.Length}; ";

    private void FillPredicateRow(RowBatch batch, int row)
    {
        for (var c = 0; c < _plan.Columns.Length; c++)
        {
            _predicateRow[c] = ValueEncoding.Read(batch.Vectors[c], row, _plan.Columns[c].Type);
        }

        Array.Copy(_sourceValues, 0, _predicateRow, _plan.Columns.Length, _sourceValues.Length);
    }

    private static void Rollback(RowBatch batch, int count)
    {
        foreach (var vector in batch.Vectors)
        {
            vector.TruncateTo(count);
        }
    }

    private static ColumnVector Constant(ColumnSource source, ColumnSchema column)
    {
        var vector = new ColumnVector(ValueEncoding.StorageOf(column.Type), 1);
        ValueEncoding.Append(vector, source is ColumnSource.Constant constant ? constant.Value : SqlValue.Null, column.Type);
        return vector;
    }

    private static string Show(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
