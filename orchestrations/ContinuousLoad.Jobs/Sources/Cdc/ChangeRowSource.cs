using System.Buffers;
using System.Text;
using ContinuousLoad.Ingest.Formats;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>
/// A source's row changes as rows for the load engine, one per change, with fields by name as a JSON body
/// gives them: each wanted name is a source column (its value as <see cref="ChangeValueText"/> writes it),
/// or <c>__DORIS_DELETE_SIGN__</c> — 0 for an insert or update (the row after it), 1 for a delete (the
/// row before it, whose key is what a UNIQUE KEY table needs). An update that changes the key
/// (<paramref name="keyNames"/>: the source columns the target's key is loaded from) is two rows: the
/// delete of the old key, then the new row. Transaction boundaries and the source's own
/// kinds of change are passed over. A wanted column the change's table does not have is NULL. A column an
/// update's new image lacks (PostgreSQL's unchanged TOAST values, MySQL's partial images) takes the old
/// image's value when that has it (REPLICA IDENTITY FULL, binlog_row_image = FULL), else it is absent
/// (<see cref="IsAbsent"/>): the load keeps the value the table has, which is the source's, since the
/// update did not change it.
/// </summary>
public sealed class ChangeRowSource<TPosition>(IAsyncEnumerable<SourceChange<TPosition>> changes, IReadOnlyList<string> wanted,
    IReadOnlyCollection<string> keyNames, TimeZoneInfo zone) : IRowSource
{
    private readonly IAsyncEnumerator<SourceChange<TPosition>> _changes = changes.GetAsyncEnumerator();
    private readonly ArrayBufferWriter<byte> _text = new();
    private readonly int[] _starts = new int[wanted.Count + 1];
    private readonly bool[] _nulls = new bool[wanted.Count];
    private readonly Dictionary<ChangeTable, int[]> _ordinals = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ChangeTable, int[]> _keys = new(ReferenceEqualityComparer.Instance);
    private string? _raw;
    private readonly bool[] _absent = new bool[wanted.Count];
    private RowValues? _row;
    private RowValues? _before;
    private RowValues? _pendingAfter;
    private bool _deleted;

    public int FieldCount => wanted.Count;

    public long RowNumber { get; private set; }

    /// <summary>Never set: a change is read whole (what it lacks is <see cref="IsAbsent"/>, not an error).</summary>
    public string? RowError => null;

    public long BytesRead { get; private set; }

    /// <summary>The change the current row came from.</summary>
    public SourceChange<TPosition>? Change { get; private set; }

    public ReadOnlySpan<byte> RawRow => Encoding.UTF8.GetBytes(_raw ??= Describe());

    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        if (_pendingAfter is { } after)
        {
            _pendingAfter = null;
            return Next(after, deleted: false, (Change as RowUpdated<TPosition>)?.Before);
        }

        while (await _changes.MoveNextAsync())
        {
            Change = _changes.Current;
            switch (Change)
            {
                case RowInserted<TPosition> inserted:
                    return Next(inserted.Row, deleted: false);
                case RowUpdated<TPosition> { Before: { } before } updated when KeyChanged(before, updated.After):
                    _pendingAfter = updated.After;
                    return Next(before, deleted: true);
                case RowUpdated<TPosition> updated:
                    return Next(updated.After, deleted: false, updated.Before);
                case RowDeleted<TPosition> deleted:
                    return Next(deleted.Before, deleted: true);
            }
        }

        return false;
    }

    public ReadOnlySpan<byte> Field(int index) => _text.WrittenSpan[_starts[index].._starts[index + 1]];

    public bool IsNull(int index) => _nulls[index];

    public bool IsAbsent(int index) => _absent[index];

    public ValueTask DisposeAsync() => _changes.DisposeAsync();

    /// <param name="before">An update's old image, which fills what the new one lacks.</param>
    private bool Next(RowValues row, bool deleted, RowValues? before = null)
    {
        (_row, _deleted, _before) = (row, deleted, before);
        RowNumber++;
        _raw = null;
        Fill(row);
        BytesRead += _text.WrittenCount;
        return true;
    }

    /// <summary>Whether a key column's value differs between the two images (a column absent from either counts as unchanged).</summary>
    private bool KeyChanged(RowValues before, RowValues after)
    {
        if (!_keys.TryGetValue(after.Table, out var key))
        {
            key = [.. keyNames.Select(after.Table.IndexOf).Where(ordinal => ordinal >= 0)];
            _keys[after.Table] = key;
        }

        foreach (var ordinal in key)
        {
            if (before.IsPresent(ordinal) && after.IsPresent(ordinal) && !SameValue(before[ordinal], after[ordinal]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SameValue(object? a, object? b) =>
        a is byte[] x && b is byte[] y ? x.AsSpan().SequenceEqual(y) : Equals(a, b);

    private void Fill(RowValues row)
    {
        _text.ResetWrittenCount();
        var ordinals = Ordinals(row.Table);
        for (var i = 0; i < wanted.Count; i++)
        {
            _starts[i] = _text.WrittenCount;
            var ordinal = ordinals[i];
            if (ordinal == DeleteSign)
            {
                _text.Write(_deleted ? "1"u8 : "0"u8);
                (_nulls[i], _absent[i]) = (false, false);
                continue;
            }

            // An unchanged column an update did not send is the old image's, when that has it (same table, same ordinal).
            var image = ordinal >= 0 && !row.IsPresent(ordinal) && _before is { } old && ReferenceEquals(old.Table, row.Table) && old.IsPresent(ordinal) ? old : row;
            _absent[i] = ordinal >= 0 && !image.IsPresent(ordinal) && !_deleted;
            _nulls[i] = ordinal < 0 || !image.IsPresent(ordinal) || image.IsNull(ordinal);
            if (!_nulls[i])
            {
                ChangeValueText.Write(image, ordinal, zone, _text);
            }
        }

        _starts[wanted.Count] = _text.WrittenCount;
    }

    private const int DeleteSign = int.MinValue;

    /// <summary>For each wanted name, the column's ordinal in <paramref name="table"/>, -1 when it has none, or the delete sign.</summary>
    private int[] Ordinals(ChangeTable table)
    {
        if (!_ordinals.TryGetValue(table, out var ordinals))
        {
            ordinals = [.. wanted.Select(name => name.Equals(Identifiers.DeleteSignColumn, StringComparison.OrdinalIgnoreCase) ? DeleteSign : table.IndexOf(name))];
            _ordinals[table] = ordinals;
        }

        return ordinals;
    }

    /// <summary>The change as the error log shows it: the operation, then each wanted field.</summary>
    private string Describe()
    {
        var text = new StringBuilder(_deleted ? "DELETE" : Change is RowUpdated<TPosition> ? "UPDATE" : "INSERT");
        text.Append(' ').Append(_row!.Table.Schema).Append('.').Append(_row.Table.Name).Append(" {");
        for (var i = 0; i < wanted.Count; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append(wanted[i]).Append(": ").Append(_absent[i] ? "(not sent)" : _nulls[i] ? "NULL" : Encoding.UTF8.GetString(Field(i)));
        }

        return text.Append('}').ToString();
    }
}
