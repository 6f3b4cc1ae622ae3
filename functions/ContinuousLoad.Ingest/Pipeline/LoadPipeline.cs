using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using ContinuousLoad.Ingest.ErrorLogs;
using ContinuousLoad.Ingest.Formats;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Ingest.Pipeline;

/// <summary>
/// Moves the rows of one load's bodies into its write transaction: each body is read and converted on the
/// caller's task into a batch of its table, and one writer task writes the full batches in the order they
/// fill (one batch written while the next fills, so memory stays flat and both sides stay busy). A table's
/// batch carries on from body to body, so a load of many short bodies — a database-level task's runs of one
/// table's changes — writes few large batches, not one small batch per body. Rows of one table are written
/// in the order they were read; across tables the order does not matter, since all commit together.
/// Counts every row and logs every filtered one.
/// </summary>
public sealed class LoadPipeline : IAsyncDisposable
{
    public const int BatchSize = 32768;

    /// <summary>Rows held in unwritten batches of tables other than the one being read; more are written out.</summary>
    public const int PendingLimit = 2 * BatchSize;

    private const int InitialBatchCapacity = 256;

    /// <summary>The batches one table may own: one filling while the other is written.</summary>
    private const int BatchesPerTable = 2;

    private readonly Channel<(RowBatch Batch, TableBatches Owner)> _ready =
        Channel.CreateBounded<(RowBatch, TableBatches)>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });

    private readonly Channel<(RowBatch Batch, TableBatches Owner)> _written = Channel.CreateUnbounded<(RowBatch, TableBatches)>();
    private readonly Dictionary<string, TableBatches> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly ErrorLog _errors;
    private readonly CancellationTokenSource _stop;
    private readonly Task _writing;
    private TableBatches? _reading;

    /// <summary>Why the writer stopped, set before it stops the reader.</summary>
    private volatile ExceptionDispatchInfo? _writeFailure;

    /// <summary>Rows in the filling batches of the tables not being read.</summary>
    private int _pending;

    public LoadPipeline(IWriteTransaction transaction, ErrorLog errors, CancellationToken cancellationToken)
    {
        _errors = errors;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _writing = Task.Run(() => WriteAllAsync(transaction, _stop.Token), _stop.Token);
    }

    /// <summary>Reads one body's rows into its table's batches; returns how its rows were counted.</summary>
    /// <param name="fieldCountProblem">For CSV: the reason a row with the wrong number of fields is filtered, or null when it fits.</param>
    public async Task<LoadCounters> ReadAsync(IRowSource source, RowAssembler assembler, LoadPlan plan, Func<IRowSource, string?>? fieldCountProblem)
    {
        try
        {
            var table = await ReadingAsync(plan);
            var batch = table.Filling ??= await TakeAsync(table);
            var counters = new LoadCounters();
            while (await source.ReadAsync(_stop.Token))
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
                        await SendAsync(table);
                        await SendAsync(alone, table);
                        batch = table.Filling = await TakeAsync(table);
                        break;
                    case RowOutcome.Loaded:
                        counters.Loaded++;
                        break;
                    case RowOutcome.Unselected:
                        counters.Unselected++;
                        break;
                    default:
                        counters.Filtered++;
                        _errors.Add(reason!, source.RawRow);
                        break;
                }

                if (batch.Count == BatchSize)
                {
                    await SendAsync(table);
                    batch = table.Filling = await TakeAsync(table);
                }
                else if (_pending + batch.Count >= PendingLimit)
                {
                    await SendAllAsync();
                    batch = table.Filling = await TakeAsync(table);
                }
            }

            return counters;
        }
        catch (Exception) when (_writeFailure is { } failure)
        {
            // The writer failed and stopped the reading: its error is the load's.
            failure.Throw();
            throw;
        }
    }

    /// <summary>Writes what is left and waits for the writer: every row read is in the transaction.</summary>
    public async Task CompleteAsync()
    {
        try
        {
            await SendAllAsync();
        }
        catch (Exception) when (_writeFailure is { } failure)
        {
            failure.Throw();
            throw;
        }

        _ready.Writer.Complete();
        await _writing;
    }

    /// <summary>Stops the writer, whatever state the load is in; what it wrote rolls back with the transaction.</summary>
    public async ValueTask DisposeAsync()
    {
        _ready.Writer.TryComplete();
        await _stop.CancelAsync();
        try
        {
            await _writing;
        }
        catch (Exception)
        {
            // The load already failed (or the caller has the writer's error from CompleteAsync).
        }

        _stop.Dispose();
    }

    /// <summary>
    /// Makes <paramref name="plan"/>'s table the one being read. A body of the same table read by another plan (a header
    /// that names other fields) first writes the rows of the old plan, so the table's rows stay in order.
    /// </summary>
    private async Task<TableBatches> ReadingAsync(LoadPlan plan)
    {
        if (_reading is not null)
        {
            _pending += _reading.Filling?.Count ?? 0;
        }

        if (!_tables.TryGetValue(plan.Table.Name, out var table) || table.Plan != plan)
        {
            if (table?.Filling is { Count: > 0 })
            {
                _pending -= table.Filling.Count;
                await SendAsync(table);
            }

            table = new TableBatches(plan);
            _tables[plan.Table.Name] = table;
        }

        _pending -= table.Filling?.Count ?? 0;
        _reading = table;
        return table;
    }

    /// <summary>A cleared batch for <paramref name="table"/>: one the writer gave back, a new one, or the next the writer gives back.</summary>
    private async Task<RowBatch> TakeAsync(TableBatches table)
    {
        while (true)
        {
            while (_written.Reader.TryRead(out var written))
            {
                GiveBack(written.Batch, written.Owner);
            }

            if (table.Free.TryPop(out var free))
            {
                return free;
            }

            if (table.Owned < BatchesPerTable)
            {
                table.Owned++;
                return new RowBatch(table.Plan.Table, table.Plan.Columns, InitialBatchCapacity) { UpdatesOnly = table.Plan.UpdatesOnly };
            }

            var next = await ReadWrittenAsync();
            GiveBack(next.Batch, next.Owner);
        }
    }

    /// <summary>A written batch is kept for its table only while that table is read; the others' go, so idle tables hold no memory.</summary>
    private void GiveBack(RowBatch batch, TableBatches owner)
    {
        if (batch.Columns.Length != owner.Plan.Columns.Length)
        {
            return; // a row written alone, never reused
        }

        if (owner == _reading && _tables.GetValueOrDefault(owner.Plan.Table.Name) == owner)
        {
            batch.Clear();
            owner.Free.Push(batch);
        }
        else
        {
            owner.Owned--;
        }
    }

    private async Task<(RowBatch Batch, TableBatches Owner)> ReadWrittenAsync()
    {
        return await _written.Reader.ReadAsync(_stop.Token);
    }

    private async Task SendAllAsync()
    {
        foreach (var table in _tables.Values)
        {
            if (table.Filling is { Count: > 0 })
            {
                await SendAsync(table);
            }
        }

        _pending = 0;
    }

    /// <summary>Hands <paramref name="table"/>'s filling batch to the writer; the table takes another when it reads on.</summary>
    private async Task SendAsync(TableBatches table)
    {
        var batch = table.Filling!;
        table.Filling = null;
        await SendAsync(batch, table);
    }

    private async Task SendAsync(RowBatch batch, TableBatches owner)
    {
        await _ready.Writer.WriteAsync((batch, owner), _stop.Token);
    }

    private async Task WriteAllAsync(IWriteTransaction transaction, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var (batch, owner) in _ready.Reader.ReadAllAsync(cancellationToken))
            {
                await WriteAsync(transaction, owner.Plan, batch, cancellationToken);
                _written.Writer.TryWrite((batch, owner));
            }
        }
        catch (Exception e)
        {
            // The reader waits on either channel: stop it, and it rethrows this error.
            _writeFailure = ExceptionDispatchInfo.Capture(e);
            _written.Writer.TryComplete();
            await _stop.CancelAsync();
            throw;
        }
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

    /// <summary>One table's batches in a load, for the plan its bodies are read by.</summary>
    private sealed class TableBatches(LoadPlan plan)
    {
        public LoadPlan Plan { get; } = plan;

        /// <summary>The batch rows are added to; null once sent, until the table reads on.</summary>
        public RowBatch? Filling { get; set; }

        public Stack<RowBatch> Free { get; } = new();

        /// <summary>Batches of this table that are filling, free, waiting or being written.</summary>
        public int Owned { get; set; }
    }
}
