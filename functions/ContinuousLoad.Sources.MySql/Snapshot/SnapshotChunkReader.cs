using ContinuousLoad.Sources.MySql.Metadata;
using ContinuousLoad.Sources.MySql.Text;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Sources.MySql.Snapshot;

/// <summary>
/// The rows of one chunk as they stream in (the result set is never buffered), all columns in ordinal
/// order. The key of each row is kept as bytes so that, at the end, <see cref="LastKey"/> names where the
/// chunk stopped: <see cref="Range"/> with Through = LastKey re-reads exactly this chunk in the same
/// snapshot, and <see cref="NextRange"/> continues after it. A chunk with fewer rows than asked is the last.
/// </summary>
public sealed class SnapshotChunkReader : IAsyncDisposable
{
    private readonly MySqlResultSet _result;
    private readonly int[] _keyOrdinals;
    private readonly byte[][] _keyBytes;
    private readonly int[] _keyLengths;
    private readonly int _chunkSize;
    private bool _finished;

    internal SnapshotChunkReader(MySqlResultSet result, TableInfo table, IReadOnlyList<ColumnInfo> key, KeyRange range, int chunkSize)
    {
        _result = result;
        Table = table;
        Range = range;
        _chunkSize = chunkSize;
        _keyOrdinals = key.Select(column => table.Columns.ToList().FindIndex(c => c.Name == column.Name)).ToArray();
        _keyBytes = _keyOrdinals.Select(_ => new byte[64]).ToArray();
        _keyLengths = new int[_keyOrdinals.Length];
    }

    public TableInfo Table { get; }

    /// <summary>The range this chunk was asked for (its upper bound open unless re-reading).</summary>
    public KeyRange Range { get; }

    public long RowCount => _result.RowCount;

    public TextRow Row => _result.Row;

    /// <summary>The key of the last row read; null before the first row and for an empty chunk.</summary>
    public IReadOnlyList<object?>? LastKey { get; private set; }

    /// <summary>True once the chunk is read to its end with fewer rows than its size: the table has no more rows in range.</summary>
    public bool IsLastChunk => _finished && RowCount < _chunkSize;

    /// <summary>The range of the next chunk (after this chunk's last key, same upper bound).</summary>
    public KeyRange NextRange => new(LastKey ?? Range.After, Range.Through);

    public object? GetValue(int ordinal) => _result.GetValue(ordinal);

    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        if (_finished)
        {
            return false;
        }

        if (!await _result.ReadAsync(cancellationToken))
        {
            _finished = true;
            LastKey = RowCount == 0 ? null : DecodeKey();
            return false;
        }

        KeepKey(_result.Row);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _result.DisposeAsync();
    }

    private void KeepKey(TextRow row)
    {
        for (var i = 0; i < _keyOrdinals.Length; i++)
        {
            var bytes = row.GetBytes(_keyOrdinals[i]);
            if (bytes.Length > _keyBytes[i].Length)
            {
                _keyBytes[i] = new byte[Math.Max(bytes.Length, _keyBytes[i].Length * 2)];
            }

            bytes.CopyTo(_keyBytes[i]);
            _keyLengths[i] = bytes.Length;
        }
    }

    private object?[] DecodeKey()
    {
        var key = new object?[_keyOrdinals.Length];
        for (var i = 0; i < key.Length; i++)
        {
            var column = _result.Columns[_keyOrdinals[i]];
            key[i] = TextValueDecoder.Decode(column.ValueKind, column.CollationId, _keyBytes[i].AsSpan(0, _keyLengths[i]));
        }

        return key;
    }
}
