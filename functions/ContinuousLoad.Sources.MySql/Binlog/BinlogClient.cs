using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.Changes;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// The binlog change stream (MySQL Client/Server Protocol, "Replication Protocol"): registers as a
/// replica, asks for the binlog from a file + position or a GTID state, and turns the events into
/// <see cref="SourceChange{TPosition}"/>s — transaction boundaries, typed row changes with before/after images,
/// DDL, heartbeats — each with its source position. Two sessions: one streams, one reads
/// information_schema for column names, signedness, charsets and ENUM/SET members.
/// <para>
/// Errors say what to do: <see cref="MySqlSourceException"/> for a server or account not set up for
/// change capture, <see cref="BinlogPositionPurgedException"/> when the start is gone,
/// <see cref="BinlogConnectionLostException"/> (carrying <see cref="ResumeFrom"/>) when the connection
/// drops, <see cref="BinlogFormatException"/> for bytes that break the event formats.
/// </para>
/// <para>
/// One task reads the events — CRC32 checked, each rows event indexed: one pass records where every value
/// starts and checks every length — while the consumer takes the changes of events already read (handed
/// over in batches, a few batches ahead at most, and at once whenever the server has sent nothing more); their values decode when the consumer reads them
/// (<see cref="RowImage"/>). Changes come out in binlog order; everything read is delivered before an error
/// or a lost connection is thrown. A client runs one stream at a time.
/// </para>
/// </summary>
public sealed partial class BinlogClient(BinlogStreamOptions options)
{
    // Events are handed over in batches (one wake-up per batch, not per event), and reading runs at most
    // BatchesAhead batches ahead of the consumer: memory stays flat whatever the binlog size.
    private const int EventsPerBatch = 16;
    private const int BatchesAhead = 2;
    private List<SourceChange<BinlogPoint>> _pending = [];
    private BinlogStreamState? _state;
    private BinlogStart? _resumeFrom;
    private MySqlConnectionException? _lost;

    /// <summary>Where a new stream continues after the last transaction this one delivered whole.</summary>
    public BinlogStart? ResumeFrom => _resumeFrom;

    public async IAsyncEnumerable<SourceChange<BinlogPoint>> StreamAsync(BinlogStart start, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _state = new BinlogStreamState(start);
        _resumeFrom = start;
        _pending = [];
        _lost = null;
        await using var metadata = await OpenSessionAsync(cancellationToken);
        var facts = await Metadata.ServerFacts.ReadAsync(metadata, cancellationToken);
        facts.EnsureReadyForChangeCapture();
        await CheckBinlogAccessAsync(metadata, cancellationToken);
        await using var replication = await OpenSessionAsync(cancellationToken);
        await StartDumpAsync(replication, facts, start, cancellationToken);

        var parser = new BinlogEventParser(string.Equals(facts.BinlogChecksum, "CRC32", StringComparison.OrdinalIgnoreCase) ? ChecksumAlgorithm.Crc32 : ChecksumAlgorithm.Off);
        var tables = new BinlogTableResolver(metadata);
        var events = Channel.CreateBounded<List<EventChanges>>(new BoundedChannelOptions(BatchesAhead) { SingleReader = true, SingleWriter = true });
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => ReadEventsAsync(replication, parser, tables, start, events.Writer, stopReading.Token), CancellationToken.None);
        try
        {
            // The reading task's error, if any, comes out of WaitToReadAsync once every change read before it is delivered.
            while (await events.Reader.WaitToReadAsync(cancellationToken))
            {
                while (events.Reader.TryRead(out var batch))
                {
                    foreach (var read in batch)
                    {
                        foreach (var change in read.Changes)
                        {
                            yield return change;
                        }

                        // The resume point moves only once a commit's changes are all delivered.
                        _resumeFrom = read.ResumeAfter ?? _resumeFrom;
                    }
                }
            }
        }
        finally
        {
            // A consumer that stops early stops the reading before the sessions close; the task never throws.
            await stopReading.CancelAsync();
            await reading;
        }

        if (_lost is not null)
        {
            throw new BinlogConnectionLostException(_resumeFrom, _lost);
        }
    }

    // Reads, checks and indexes events and hands their changes over, until the stop position, the end of a
    // non-blocking dump, a lost connection (kept in _lost) or an error (passed on through the channel after
    // the changes read before it).
    private async Task ReadEventsAsync(
        MySqlSession replication, BinlogEventParser parser, BinlogTableResolver tables, BinlogStart start, ChannelWriter<List<EventChanges>> events, CancellationToken cancellationToken)
    {
        var batch = new List<EventChanges>(EventsPerBatch);
        Exception? error = null;
        try
        {
            var state = _state!;
            while (true)
            {
                var read = ReadEventAsync(replication, parser, start, cancellationToken);
                if (!read.IsCompleted && batch.Count > 0)
                {
                    // The server has sent nothing more yet: what is read goes to the consumer before waiting for it.
                    await events.WriteAsync(batch, cancellationToken);
                    batch = new List<EventChanges>(EventsPerBatch);
                }

                BinlogEvent? binlogEvent;
                try
                {
                    binlogEvent = await read;
                }
                catch (MySqlConnectionException e)
                {
                    _lost = e;
                    break;
                }

                if (binlogEvent is null)
                {
                    break;
                }

                await ApplyAsync(binlogEvent, tables, cancellationToken);
                var resumeAfter = state.TakeCommit();
                if (_pending.Count > 0 || resumeAfter is not null)
                {
                    batch.Add(new EventChanges(_pending, resumeAfter));
                    _pending = [];
                }

                if (batch.Count >= EventsPerBatch)
                {
                    await events.WriteAsync(batch, cancellationToken);
                    batch = new List<EventChanges>(EventsPerBatch);
                }

                if (options.StopAt is { } stop && state.File is { } file && binlogEvent.Header.NextPosition != 0
                    && new BinlogPosition(file, binlogEvent.Header.NextPosition).CompareTo(stop) >= 0)
                {
                    break;
                }
            }
        }
        catch (Exception e)
        {
            error = e;
        }

        try
        {
            if (batch.Count > 0)
            {
                await events.WriteAsync(batch, cancellationToken);
            }
        }
        catch (Exception e)
        {
            // Only when the consumer has stopped (the token): the first error is the one to report.
            error ??= e;
        }

        events.Complete(error);
    }

    private async ValueTask ApplyAsync(BinlogEvent binlogEvent, BinlogTableResolver tables, CancellationToken cancellationToken)
    {
        var state = _state!;
        var header = binlogEvent.Header;
        var position = state.Advance(header);
        switch (binlogEvent)
        {
            case RotateEvent rotate:
                state.Rotate(rotate);
                break;
            case MariaDbGtidEvent gtid:
                state.BeginGroup(gtid.Gtid.ToString(), gtid.Gtid, standalone: gtid.IsStandalone);
                if (!gtid.IsStandalone)
                {
                    _pending.Add(new TransactionBegin<BinlogPoint>(new BinlogPoint(position, state.Gtid), header.Time));
                }

                break;
            case MySqlGtidEvent gtid:
                state.BeginGroup(gtid.IsAnonymous ? null : gtid.Gtid, null, standalone: false);
                break;
            case QueryEvent { IsBegin: true }:
                if (!state.InTransaction)
                {
                    state.InTransaction = true;
                    _pending.Add(new TransactionBegin<BinlogPoint>(new BinlogPoint(position, state.Gtid), header.Time));
                }

                break;
            case QueryEvent { IsCommit: true } or QueryEvent { IsRollback: true }:
                _pending.Add(new TransactionCommit<BinlogPoint>(new BinlogPoint(position, state.Gtid), header.Time));
                state.Commit(position);
                break;
            case XidEvent:
                _pending.Add(new TransactionCommit<BinlogPoint>(new BinlogPoint(position, state.Gtid), header.Time));
                state.Commit(position);
                break;
            case QueryEvent query:
                tables.Forget();
                _pending.Add(new SchemaChange(new BinlogPoint(position, state.Gtid), header.Time, query.Schema, query.Sql));
                if (!state.InTransaction)
                {
                    state.Commit(position);
                }

                break;
            case TableMapEvent map when options.IncludeTable?.Invoke(map.Schema, map.Table) ?? true:
                state.Tables[map.TableId] = new RowImageLayout(map, await tables.ResolveAsync(map, cancellationToken));
                break;
            case TableMapEvent map:
                state.Tables.Remove(map.TableId);
                break;
            case RowsEvent rows when state.Tables.TryGetValue(rows.TableId, out var layout):
                AddRowChanges(rows, layout, new BinlogPoint(position, state.Gtid), header.Time);
                break;
            case HeartbeatEvent:
                _pending.Add(new BinlogHeartbeat(new BinlogPoint(position, state.Gtid), header.Time));
                break;
        }
    }

    private void AddRowChanges(RowsEvent rows, RowImageLayout layout, BinlogPoint position, DateTimeOffset time)
    {
        var images = RowImageDecoder.Decode(rows, layout);
        for (var i = 0; i < images.ImageCount; i++)
        {
            _pending.Add(rows switch
            {
                WriteRowsEvent => new RowInserted<BinlogPoint>(position, time, images.Image(i)),
                UpdateRowsEvent => new RowUpdated<BinlogPoint>(position, time, images.Image(i), images.Image(++i)),
                _ => new RowDeleted<BinlogPoint>(position, time, images.Image(i)),
            });
        }
    }
}
