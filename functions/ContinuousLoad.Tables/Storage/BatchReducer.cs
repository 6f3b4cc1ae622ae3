using System.Text;
using ContinuousLoad.Sql.Syntax.Definitions;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Tables.Storage;

/// <summary>
/// Folds a batch to one row per key with the key model's meaning, for stores that merge a whole
/// batch in one statement (a statement may touch each key once). UNIQUE keeps the last row (or the
/// row with the largest sequence, later rows winning ties); AGGREGATE folds each value column by its
/// aggregation. The result keeps first-appearance order of keys.
/// </summary>
public static class BatchReducer
{
    public static RowBatch Reduce(RowBatch batch)
    {
        var table = batch.Table;
        if (table.KeyModel == KeyModel.Duplicate || batch.Count < 2)
        {
            return batch;
        }

        var keyOrdinals = Enumerable.Range(0, batch.Columns.Length).Where(i => batch.Columns[i].IsKey).ToArray();
        if (!keyOrdinals.Any(k => batch.Columns[k].Type.IsInteger && batch.Vectors[k].Storage == StorageClass.Integer) || keyOrdinals.Length != 1
            || HasNull(batch.Vectors[keyOrdinals[0]], batch.Count))
        {
            return Reduce(batch, keyOrdinals, (b, k, row) => Key(b, k, row), StringComparer.Ordinal);
        }

        // One integer key: a long is the key, no text needed.
        return Reduce(batch, keyOrdinals, (b, k, row) => b.Vectors[k[0]].GetInteger(row), EqualityComparer<long>.Default);
    }

    private static bool HasNull(ColumnVector vector, int count)
    {
        for (var row = 0; row < count; row++)
        {
            if (vector.IsNull(row))
            {
                return true;
            }
        }

        return false;
    }

    private static RowBatch Reduce<TKey>(RowBatch batch, int[] keyOrdinals, Func<RowBatch, int[], int, TKey> keyOf, IEqualityComparer<TKey> comparer)
        where TKey : notnull
    {
        var seen = new HashSet<TKey>(batch.Count, comparer);
        var distinct = true;
        for (var row = 0; row < batch.Count && distinct; row++)
        {
            distinct = seen.Add(keyOf(batch, keyOrdinals, row));
        }

        // The usual load: every key once, nothing to fold, no copy.
        return distinct ? batch : Fold(batch, keyOrdinals, keyOf, comparer);
    }

    private static RowBatch Fold<TKey>(RowBatch batch, int[] keyOrdinals, Func<RowBatch, int[], int, TKey> keyOf, IEqualityComparer<TKey> comparer)
        where TKey : notnull
    {
        var table = batch.Table;
        var sequence = table.SequenceColumn is { } s ? batch.IndexOf(s.Name) : -1;
        var rows = new Dictionary<TKey, int>(batch.Count, comparer);
        var order = new List<TKey>(batch.Count);
        var folded = new Dictionary<TKey, StoredValue[]>(comparer);
        for (var row = 0; row < batch.Count; row++)
        {
            var key = keyOf(batch, keyOrdinals, row);
            if (!rows.TryGetValue(key, out var kept))
            {
                rows[key] = row;
                order.Add(key);
                if (table.KeyModel == KeyModel.Aggregate)
                {
                    folded[key] = Values(batch, row);
                }

                continue;
            }

            if (table.KeyModel == KeyModel.Aggregate)
            {
                Fold(batch, folded[key], row);
                rows[key] = row;
            }
            else if (sequence < 0 || !Older(batch, sequence, row, kept))
            {
                rows[key] = row;
            }
        }

        var reduced = new RowBatch(table, batch.Columns, order.Count) { UpdatesOnly = batch.UpdatesOnly };
        foreach (var key in order)
        {
            var row = rows[key];
            if (table.KeyModel == KeyModel.Aggregate)
            {
                var values = folded[key];
                for (var c = 0; c < values.Length; c++)
                {
                    values[c].AppendTo(reduced.Vectors[c]);
                }
            }
            else
            {
                for (var c = 0; c < batch.Columns.Length; c++)
                {
                    reduced.Vectors[c].AddFrom(batch.Vectors[c], row);
                }
            }

            reduced.EndRow(batch.Operation(row));
        }

        return reduced;
    }

    /// <summary>True when <paramref name="row"/>'s sequence is below the kept row's (NULL is lowest).</summary>
    private static bool Older(RowBatch batch, int sequence, int row, int kept)
    {
        var incoming = StoredValue.Read(batch.Vectors[sequence], row);
        var current = StoredValue.Read(batch.Vectors[sequence], kept);
        if (current.IsNull)
        {
            return false;
        }

        return incoming.IsNull || StoredValue.Compare(incoming, current, IsNumericText(batch.Columns[sequence].Type)) < 0;
    }

    private static StoredValue[] Values(RowBatch batch, int row)
    {
        var values = new StoredValue[batch.Columns.Length];
        for (var c = 0; c < values.Length; c++)
        {
            values[c] = StoredValue.Read(batch.Vectors[c], row);
        }

        return values;
    }

    private static void Fold(RowBatch batch, StoredValue[] values, int row)
    {
        for (var c = 0; c < values.Length; c++)
        {
            var column = batch.Columns[c];
            if (column.IsKey)
            {
                continue;
            }

            var incoming = StoredValue.Read(batch.Vectors[c], row);
            var current = values[c];
            values[c] = column.Aggregation switch
            {
                AggregationKind.Sum => current.IsNull ? incoming : incoming.IsNull ? current : Add(current, incoming, column.Type),
                AggregationKind.Max => current.IsNull ? incoming : incoming.IsNull ? current
                    : StoredValue.Compare(incoming, current, IsNumericText(column.Type)) > 0 ? incoming : current,
                AggregationKind.Min => current.IsNull ? incoming : incoming.IsNull ? current
                    : StoredValue.Compare(incoming, current, IsNumericText(column.Type)) < 0 ? incoming : current,
                AggregationKind.ReplaceIfNotNull => incoming.IsNull ? current : incoming,
                _ => incoming,
            };
        }
    }

    private static StoredValue Add(StoredValue current, StoredValue incoming, DataType type) => current.Storage switch
    {
        StorageClass.Integer => current with { Integer = current.Integer + incoming.Integer },
        StorageClass.Real => current with { Real = current.Real + incoming.Real },
        _ => current with { Text = NumericText.Add(current.Text, incoming.Text, type.Scale) },
    };

    private static bool IsNumericText(DataType type) => type.Kind is TypeKind.Decimal or TypeKind.LargeInt;

    private static string Key(RowBatch batch, int[] ordinals, int row)
    {
        var key = new StringBuilder();
        foreach (var ordinal in ordinals)
        {
            var vector = batch.Vectors[ordinal];
            if (vector.IsNull(row))
            {
                key.Append("\u0001N");
                continue;
            }

            key.Append('\u0001');
            switch (vector.Storage)
            {
                case StorageClass.Integer:
                    key.Append(vector.GetInteger(row));
                    break;
                case StorageClass.Real:
                    key.Append(BitConverter.DoubleToInt64Bits(vector.GetReal(row)));
                    break;
                default:
                    key.Append(Encoding.UTF8.GetString(vector.GetText(row)));
                    break;
            }
        }

        return key.ToString();
    }
}
