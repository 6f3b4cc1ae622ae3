using System.Runtime.CompilerServices;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Changes;

namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>
/// Cuts a PostgreSQL change stream into tasks. Planning confirms the slot up to the committed offset (the
/// table store holds everything before it), then reads whole transactions from there until a task has
/// <c>maxChanges</c> row changes or the source has been quiet for <c>quiet</c>; it keeps only where the last
/// transaction ends. Opening reads the same transactions again, to the planned end. Both run while no
/// other stream reads the slot (a job runs one task at a time).
/// </summary>
public static class PostgresChangeRange
{
    /// <returns>The next task after <paramref name="after"/> (null: where the slot stands), or null when no transaction has committed since.</returns>
    public static async Task<PostgresChangeBatch?> PlanAsync(PostgresSource source, PostgresOffset? after, long maxChanges, TimeSpan quiet,
        CancellationToken cancellationToken)
    {
        if (after is not null)
        {
            await source.ConfirmAsync(after.Position, cancellationToken);
        }

        var stream = await source.OpenStreamAsync(cancellationToken);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(quiet);
        long changes = 0, pending = 0, transactions = 0;
        ulong end = 0;
        DateTimeOffset? oldest = null, newest = null;
        try
        {
            await foreach (var change in stream.ReadAsync(after?.Position, idle.Token))
            {
                idle.CancelAfter(quiet);
                switch (change)
                {
                    case TransactionBegin<PgPoint>:
                        pending = 0;
                        break;
                    case RowInserted<PgPoint> or RowUpdated<PgPoint> or RowDeleted<PgPoint>:
                        pending++;
                        break;
                    case TransactionCommit<PgPoint> commit:
                        (changes, transactions, end) = (changes + pending, transactions + 1, commit.Position.Lsn.Value);
                        (oldest, newest) = (oldest ?? commit.Time, commit.Time);
                        if (changes >= maxChanges)
                        {
                            return Batch();
                        }

                        break;
                }
            }
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Quiet for long enough: the task is what has committed so far.
        }

        return transactions == 0 ? null : Batch();

        PostgresChangeBatch Batch() => new(after?.Lsn ?? 0, end, changes, transactions, oldest!.Value.UtcDateTime, newest!.Value.UtcDateTime);
    }

    /// <summary>The task's changes, transaction boundaries included, ending with the commit at its end.</summary>
    public static async IAsyncEnumerable<SourceChange<PgPoint>> OpenAsync(PostgresSource source, PostgresChangeBatch batch,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = await source.OpenStreamAsync(cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using var changes = stream.ReadAsync(batch.StartLsn == 0 ? null : new Lsn(batch.StartLsn), stop.Token).GetAsyncEnumerator(stop.Token);
        while (await changes.MoveNextAsync())
        {
            yield return changes.Current;
            if (changes.Current is TransactionCommit<PgPoint> commit && commit.Position.Lsn.Value >= batch.EndLsn)
            {
                await stop.CancelAsync();
                yield break;
            }
        }
    }
}
