using System.Runtime.CompilerServices;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Changes;
using ContinuousLoad.Sources.Postgres.Metadata;
using ContinuousLoad.Sources.Postgres.Snapshot;

namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>
/// Cuts a PostgreSQL change stream into tasks, by peeking at the slot (never consuming it): each read first
/// confirms the slot up to the task's start — the committed offset, so the table store holds everything
/// before it — then reads from there. A plan takes whole transactions until a task has about
/// <c>maxChanges</c> messages and keeps only where the last one ends; opening reads the transactions
/// before that end again. A snapshot range joins the stream at the exact point it is read at: the changes
/// before that point, then the range's rows. A job runs one task at a time, so nothing else reads the slot.
/// </summary>
public static class PostgresChangeRange
{
    /// <returns>The next task from <paramref name="startLsn"/>, or null when nothing (of the table) has committed since (<see cref="ChangeTaskLimits.MakesTask"/>).</returns>
    public static async Task<PostgresChangeBatch?> PlanAsync(PostgresSource source, ulong startLsn, long maxChanges, CancellationToken cancellationToken)
    {
        await source.ConfirmAsync(new Lsn(startLsn), cancellationToken);
        long changes = 0, transactions = 0;
        ulong end = 0;
        DateTimeOffset? oldest = null, newest = null;
        await foreach (var transaction in source.PeekTransactionsAsync(null, maxChanges, cancellationToken))
        {
            (changes, transactions, end) = (changes + transaction.Changes, transactions + 1, transaction.EndLsn.Value);
            (oldest, newest) = (oldest ?? transaction.CommitTime, transaction.CommitTime);
        }

        return !ChangeTaskLimits.MakesTask(changes, transactions) ? null : new(startLsn, end, changes, transactions, oldest!.Value.UtcDateTime, newest!.Value.UtcDateTime);
    }

    /// <summary>The task's changes, transaction boundaries included, ending with the commit at its end.</summary>
    public static async IAsyncEnumerable<SourceChange<PgPoint>> OpenAsync(PostgresSource source, PostgresChangeBatch batch,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await source.ConfirmAsync(new Lsn(batch.StartLsn), cancellationToken);
        await foreach (var change in source.PeekAsync(new Lsn(batch.EndLsn), null, cancellationToken))
        {
            yield return change;
        }
    }

    /// <summary>
    /// The changes from the batch's start up to <paramref name="snapshot"/>'s point, then the range's rows as of
    /// that point: afterwards the range holds exactly what the source held there, and every other row has had
    /// each of its changes applied once. Updates that did not send TOAST values get them from the snapshot. A range
    /// that reads its table to the end goes on with the <paramref name="whole"/> tables after it; <paramref name="read"/>
    /// counts the chunks read.
    /// </summary>
    public static async IAsyncEnumerable<SourceChange<PgPoint>> OpenAsync(PostgresSource source, PostgresSnapshotBatch batch,
        RangeSnapshot snapshot, TableMetadata table, IReadOnlyList<TableMetadata> whole, SnapshotRangeRead read,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await source.ConfirmAsync(new Lsn(batch.StartLsn), cancellationToken);
        var tables = new Dictionary<TableName, TableMetadata> { [table.Name] = table };
        await foreach (var change in source.PeekAsync(snapshot.ConsistentPoint, null, cancellationToken))
        {
            // An update that did not send a TOAST value may reach a row the target does not hold yet (its range is not read, or the
            // WHERE kept it out): the value comes from the row as of the point, which no later change before the point contradicts.
            if (change is RowUpdated<PgPoint> { After: RowImage after } updated && Enumerable.Range(0, after.Count).Any(after.IsUnchangedToast))
            {
                var name = new TableName(after.Table.Schema, after.Table.Name);
                if (!tables.TryGetValue(name, out var changed))
                {
                    tables[name] = changed = await snapshot.ReadTableAsync(name, cancellationToken);
                }

                yield return updated with { After = await snapshot.FillAsync(changed, after, cancellationToken) };
            }
            else
            {
                yield return change;
            }
        }

        long rows = 0;
        await foreach (var row in snapshot.ReadRangeAsync(table, batch.After, batch.UpTo, cancellationToken))
        {
            rows++;
            yield return row;
        }

        read.Counted(rows);
        if (batch.UpTo is not null)
        {
            yield break;
        }

        foreach (var next in whole)
        {
            rows = 0;
            await foreach (var row in snapshot.ReadRangeAsync(next, null, null, cancellationToken))
            {
                rows++;
                yield return row;
            }

            read.Counted(rows);
        }

        read.WholeRead = true;
    }
}
