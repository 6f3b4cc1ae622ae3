using System.Runtime.CompilerServices;
using ContinuousLoad.Ingest.Loading;
using ContinuousLoad.Jobs.Sources.Cdc;
using ContinuousLoad.Sources.Changes;

namespace ContinuousLoad.Jobs.Sources.Mirror;

/// <summary>
/// A database-level task's changes as load bodies: one body per run of consecutive changes to one source table,
/// into that table's target, all in the task's one transaction. The stream is read once, in order: each body reads
/// its run to the first change of another table, which starts the next body (the load reads a body to its end
/// before it opens the next). Order within a table is the source's; rows of different tables do not meet. Each
/// shape a table's changes come in is checked against the columns its target loads (<see cref="SchemaDrift"/>).
/// </summary>
public sealed class TableRuns<TPosition> : IAsyncDisposable
{
    private readonly IAsyncEnumerator<SourceChange<TPosition>> _changes;
    private SourceChange<TPosition>? _next;
    private bool _ended;
    private long _runsRead;

    private TableRuns(IAsyncEnumerable<SourceChange<TPosition>> changes) => _changes = changes.GetAsyncEnumerator();

    /// <param name="targetOf">The target table of a source table.</param>
    /// <param name="keyOf">The source table's primary key, by which an update that changes it deletes the old row.</param>
    public static async IAsyncEnumerable<LoadBody> Bodies(IAsyncEnumerable<SourceChange<TPosition>> changes, Func<ChangeTable, string> targetOf,
        Func<ChangeTable, IReadOnlyCollection<string>> keyOf, SchemaDrift drift, TimeZoneInfo zone)
    {
        await using var runs = new TableRuns<TPosition>(changes);
        while (await runs.NextTableAsync() is { } table)
        {
            var target = targetOf(table);
            var read = runs._runsRead;
            yield return LoadBody.OfRows((names, into) => new ChangeRowSource<TPosition>(runs.RunAsync(table, change => drift.Check(change, into, names)), names, keyOf(table), zone),
                $"{table.Schema}.{table.Name}", target);
            if (runs._runsRead == read)
            {
                throw new InvalidOperationException($"the body of {table.Schema}.{table.Name} was not read to its end before the next was asked for");
            }
        }
    }

    public ValueTask DisposeAsync() => _changes.DisposeAsync();

    /// <summary>Moves to the next row change; its table starts the next run (null: the stream ended).</summary>
    private async Task<ChangeTable?> NextTableAsync()
    {
        while (_next is null && !_ended)
        {
            if (!await _changes.MoveNextAsync())
            {
                _ended = true;
            }
            else if (TableOf(_changes.Current) is not null)
            {
                _next = _changes.Current;
            }
        }

        return _next is null ? null : TableOf(_next);
    }

    /// <summary>The row changes of one run: the one waiting, then each that follows up to the next change of another table.</summary>
    private async IAsyncEnumerable<SourceChange<TPosition>> RunAsync(ChangeTable table, Action<ChangeTable> check,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (_next is { } change && Same(TableOf(change), table))
        {
            check(TableOf(change)!);
            yield return change;
            _next = null;
            // Transaction boundaries and the sources' own items change no row: the next row change decides whether the run goes on.
            while (_next is null && await _changes.MoveNextAsync())
            {
                _next = TableOf(_changes.Current) is null ? null : _changes.Current;
            }

            _ended = _next is null;
        }

        _runsRead++;
    }

    private static bool Same(ChangeTable? a, ChangeTable? b) => a is not null && b is not null && a.Schema == b.Schema && a.Name == b.Name;

    private static ChangeTable? TableOf(SourceChange<TPosition> change) => change switch
    {
        RowInserted<TPosition> inserted => inserted.Row.Table,
        RowUpdated<TPosition> updated => updated.After.Table,
        RowDeleted<TPosition> deleted => deleted.Before.Table,
        _ => null,
    };
}
