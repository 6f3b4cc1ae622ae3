using System.Collections.Immutable;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Tables.Storage;

/// <summary>
/// Rows for one table in column-major form, ready for a store: the stored columns written (a subset
/// for partial updates), the values in storage form, and each row's operation.
/// </summary>
public sealed class RowBatch
{
    private RowOperation[] _operations;

    public RowBatch(TableSchema table, ImmutableArray<ColumnSchema> columns, int capacity = 4096)
    {
        Table = table;
        Columns = columns;
        Vectors = [.. columns.Select(c => new ColumnVector(ValueEncoding.StorageOf(c.Type), capacity))];
        _operations = new RowOperation[capacity];
    }

    public TableSchema Table { get; }

    /// <summary>
    /// A partial update that may only change existing rows (<c>partial_update_new_key_behavior: ERROR</c>):
    /// a row whose key is not in the table fails the write with <see cref="NewKeyInPartialUpdateException"/>.
    /// </summary>
    public bool UpdatesOnly { get; init; }

    /// <summary>With <see cref="UpdatesOnly"/>: a row whose key the table does not hold is passed over instead of failing the write.</summary>
    public bool MissingKeysSkipped { get; init; }

    /// <summary>The stored columns this batch carries, in vector order.</summary>
    public ImmutableArray<ColumnSchema> Columns { get; }

    public ImmutableArray<ColumnVector> Vectors { get; }

    public int Count { get; private set; }

    public RowOperation Operation(int row) => _operations[row];

    /// <summary>Closes the row whose values were just added to every vector.</summary>
    public void EndRow(RowOperation operation = RowOperation.Upsert)
    {
        if (Count == _operations.Length)
        {
            Array.Resize(ref _operations, _operations.Length * 2);
        }

        _operations[Count++] = operation;
    }

    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Length; i++)
        {
            if (Columns[i].Name.Equals(column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Takes the last row out of the batch (its values and operation).</summary>
    public void RemoveLastRow()
    {
        Count--;
        foreach (var vector in Vectors)
        {
            vector.TruncateTo(Count);
        }
    }

    public void Clear()
    {
        Count = 0;
        foreach (var vector in Vectors)
        {
            vector.Clear();
        }
    }
}
