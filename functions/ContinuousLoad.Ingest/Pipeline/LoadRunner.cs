using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using ContinuousLoad.Ingest.ErrorLogs;
using ContinuousLoad.Ingest.Formats;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Ingest.Pipeline;

/// <summary>
/// Moves rows from a source into a write transaction: reading and converting in one task, writing
/// batches in another (two batches in flight, so memory stays flat and both sides stay busy). Counts
/// every row and logs every filtered one.
/// </summary>
public static class LoadRunner
{
    public const int BatchSize = 32768;

    private const int InitialBatchCapacity = 256;

    /// <param name="fieldCountProblem">For CSV: the reason a row with the wrong number of fields is filtered, or null when it fits.</param>
    public static async Task<LoadCounters> RunAsync(IRowSource source, RowAssembler assembler, LoadPlan plan, IWriteTransaction transaction,
        ErrorLog errors, Func<IRowSource, string?>? fieldCountProblem, CancellationToken cancellationToken)
    {
        var counters = new LoadCounters();
        var ready = Channel.CreateBounded<RowBatch>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var free = Channel.CreateUnbounded<RowBatch>();
        // Batches start small and grow to BatchSize rows: a short body (a database-level job's run of one table's changes) allocates little.
        free.Writer.TryWrite(new RowBatch(plan.Table, plan.Columns, InitialBatchCapacity) { UpdatesOnly = plan.UpdatesOnly });
        free.Writer.TryWrite(new RowBatch(plan.Table, plan.Columns, InitialBatchCapacity) { UpdatesOnly = plan.UpdatesOnly });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var reading = Task.Run(async () =>
        {
            try
            {
                var batch = await free.Reader.ReadAsync(stop.Token);
                while (await source.ReadAsync(stop.Token))
                {
                    counters.Total++;
                    var reason = source.RowError ?? fieldCountProblem?.Invoke(source);
                    var outcome = reason is null ? assembler.Append(source, batch, out reason) : RowOutcome.Filtered;
                    switch (outcome)
                    {
                        case RowOutcome.Loaded when assembler.Kept is { } kept && batch.Operation(batch.Count - 1) == RowOperation.Upsert:
                            // The row keeps some of the table's values: it is written on its own, after the rows before it.
                            counters.Loaded++;
                            var alone = RowWithout(plan, batch, kept);
                            await ready.Writer.WriteAsync(batch, stop.Token);
                            await ready.Writer.WriteAsync(alone, stop.Token);
                            batch = await free.Reader.ReadAsync(stop.Token);
                            break;
                        case RowOutcome.Loaded:
                            counters.Loaded++;
                            break;
                        case RowOutcome.Unselected:
                            counters.Unselected++;
                            break;
                        default:
                            counters.Filtered++;
                            errors.Add(reason!, source.RawRow);
                            break;
                    }

                    if (batch.Count == BatchSize)
                    {
                        await ready.Writer.WriteAsync(batch, stop.Token);
                        batch = await free.Reader.ReadAsync(stop.Token);
                    }
                }

                await ready.Writer.WriteAsync(batch, stop.Token);
                ready.Writer.Complete();
            }
            catch (Exception e)
            {
                ready.Writer.TryComplete(e);
                throw;
            }
        }, stop.Token);

        try
        {
            await foreach (var batch in ready.Reader.ReadAllAsync(stop.Token))
            {
                await WriteAsync(transaction, plan, batch, stop.Token);
                if (batch.Columns.Length == plan.Columns.Length)
                {
                    batch.Clear();
                    free.Writer.TryWrite(batch);
                }
            }

            await reading;
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whichever side failed, stop the other; a reading error is the one to report.
            await stop.CancelAsync();
            try
            {
                await reading;
            }
            catch (Exception readError) when (readError is not OperationCanceledException && readError != failure)
            {
                ExceptionDispatchInfo.Throw(readError);
            }
            catch (OperationCanceledException)
            {
                // The reader stopped because the writer failed.
            }

            throw;
        }

        return counters;
    }

    /// <summary>Moves the last row of <paramref name="batch"/> into a batch of its own without the <paramref name="kept"/> columns: it updates the row the table has.</summary>
    private static RowBatch RowWithout(LoadPlan plan, RowBatch batch, IReadOnlyList<bool> kept)
    {
        var carried = Enumerable.Range(0, plan.Columns.Length).Where(c => !kept[c]).ToList();
        var alone = new RowBatch(plan.Table, [.. carried.Select(c => plan.Columns[c])], 1) { UpdatesOnly = true, MissingKeysSkipped = plan.ChangesAheadOfSnapshot };
        for (var i = 0; i < carried.Count; i++)
        {
            alone.Vectors[i].AddFrom(batch.Vectors[carried[i]], batch.Count - 1);
        }

        alone.EndRow();
        batch.RemoveLastRow();
        return alone;
    }

    private static async Task WriteAsync(IWriteTransaction transaction, LoadPlan plan, RowBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            await transaction.WriteAsync(batch, cancellationToken);
        }
        catch (NewKeyInPartialUpdateException e) when (plan.ChangeData)
        {
            throw new InvalidDataException("an update arrived without some of its columns (an unchanged TOAST value, a partial binlog row image) for a key " +
                                           $"the table does not hold, so their values are unknown: {e.Message} Send full rows (PostgreSQL: REPLICA IDENTITY FULL; " +
                                           "MySQL: binlog_row_image = FULL) or load the table again", e);
        }
    }
}
