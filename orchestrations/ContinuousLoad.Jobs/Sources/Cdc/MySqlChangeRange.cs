using System.Runtime.CompilerServices;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Sources.MySql.Binlog;
using ContinuousLoad.Sources.MySql.Metadata;
using ContinuousLoad.Sources.MySql.Snapshot;

namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>
/// Cuts a MySQL binlog into tasks. A plan reads (non-blocking: to the binlog's current end) whole transactions
/// from the task's start until about <c>maxChanges</c> changes of the table, and keeps only where the last one
/// ends; opening reads the same transactions again, stopping at that end. A snapshot range joins the binlog at
/// the exact position its consistent snapshot is taken at: the changes before that position, then the range's
/// rows as of it.
/// </summary>
public static class MySqlChangeRange
{
    /// <returns>The next task from <paramref name="start"/>, or null when nothing of the table has committed since (<see cref="ChangeTaskLimits.MakesTask"/>).</returns>
    public static async Task<MySqlChangeBatch?> PlanAsync(BinlogStreamOptions options, MySqlOffset start, long maxChanges, CancellationToken cancellationToken)
    {
        long changes = 0, pending = 0, transactions = 0;
        BinlogPosition? end = null;
        DateTimeOffset? oldest = null, newest = null;
        await foreach (var change in new BinlogClient(options with { NonBlocking = true }).StreamAsync(start.Start, cancellationToken))
        {
            switch (change)
            {
                case TransactionBegin<BinlogPoint>:
                    pending = 0;
                    break;
                case RowInserted<BinlogPoint> or RowUpdated<BinlogPoint> or RowDeleted<BinlogPoint>:
                    pending++;
                    break;
                case TransactionCommit<BinlogPoint> commit:
                    (changes, transactions, end) = (changes + pending, transactions + 1, commit.Position.End);
                    (oldest, newest) = pending > 0 ? (oldest ?? commit.Time, commit.Time) : (oldest, newest);
                    break;
            }

            if (changes >= maxChanges)
            {
                break;
            }
        }

        var now = DateTimeOffset.UtcNow;
        return end is null || !ChangeTaskLimits.MakesTask(changes, transactions)
            ? null
            : new MySqlChangeBatch(start, end.FileName, end.Position, changes, transactions, (oldest ?? now).UtcDateTime, (newest ?? now).UtcDateTime);
    }

    /// <summary>The task's changes, transaction boundaries included, ending with the commit at its end.</summary>
    public static IAsyncEnumerable<SourceChange<BinlogPoint>> OpenAsync(BinlogStreamOptions options, MySqlChangeBatch batch, CancellationToken cancellationToken) =>
        ReadAsync(options, batch.Start, new BinlogPosition(batch.EndFile, batch.EndPos), cancellationToken);

    /// <summary>
    /// The changes from the batch's start up to <paramref name="snapshot"/>'s position, then up to <c>Rows</c> rows after
    /// its key as of that position, and when that reads its table to the end, the <paramref name="whole"/> tables after it;
    /// <paramref name="read"/> learns the last key, whether the table ended and the chunks read.
    /// </summary>
    public static async IAsyncEnumerable<SourceChange<BinlogPoint>> OpenAsync(BinlogStreamOptions options, MySqlSnapshotBatch batch, ConsistentSnapshot snapshot,
        TableInfo table, IReadOnlyList<TableInfo> whole, SnapshotRangeRead read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var change in ReadAsync(options, batch.Start, snapshot.Position, cancellationToken))
        {
            yield return change;
        }

        var point = new BinlogPoint(snapshot.Position, snapshot.GtidPosition);
        var time = DateTimeOffset.UtcNow;
        var after = batch.After is null ? null : MySqlKeyText.Read(batch.After);
        await using (var rows = await snapshot.ReadChunkAsync(table, new KeyRange(after, null), batch.Rows, cancellationToken))
        {
            while (await rows.ReadAsync(cancellationToken))
            {
                yield return new RowInserted<BinlogPoint>(point, time, SnapshotRowValues.Of(rows));
            }

            read.LastKey = rows.LastKey is { } key ? MySqlKeyText.Write(key) : null;
            read.TableEnded = rows.IsLastChunk;
            read.Counted(rows.RowCount);
        }

        if (!read.TableEnded)
        {
            yield break;
        }

        foreach (var next in whole)
        {
            await using var rows = await snapshot.ReadChunkAsync(next, new KeyRange(null, null), int.MaxValue, cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                yield return new RowInserted<BinlogPoint>(point, time, SnapshotRowValues.Of(rows));
            }

            read.Counted(rows.RowCount);
        }

        read.WholeRead = true;
    }

    private static async IAsyncEnumerable<SourceChange<BinlogPoint>> ReadAsync(BinlogStreamOptions options, MySqlOffset start, BinlogPosition end,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (start.File is not null && new BinlogPosition(start.File, start.Pos).CompareTo(end) >= 0)
        {
            yield break;
        }

        await foreach (var change in new BinlogClient(options with { NonBlocking = true, StopAt = end }).StreamAsync(start.Start, cancellationToken))
        {
            yield return change;
        }
    }
}
