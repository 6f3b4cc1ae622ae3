using System.Runtime.CompilerServices;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// The binlog change stream (MySQL Client/Server Protocol, "Replication Protocol"): registers as a
/// replica, asks for the binlog from a file + position or a GTID state, and turns the events into
/// <see cref="BinlogChange"/>s — transaction boundaries, typed row changes with before/after images,
/// DDL, heartbeats — each with its source position. Two sessions: one streams, one reads
/// information_schema for column names, signedness, charsets and ENUM/SET members.
/// <para>
/// Errors say what to do: <see cref="MySqlSourceException"/> for a server or account not set up for
/// change capture, <see cref="BinlogPositionPurgedException"/> when the start is gone,
/// <see cref="BinlogConnectionLostException"/> (carrying <see cref="ResumeFrom"/>) when the connection
/// drops, <see cref="BinlogFormatException"/> for bytes that break the event formats.
/// </para>
/// <para>
/// Rows events are decoded on the thread pool while the next events arrive (at most
/// <see cref="MaxEventsInFlight"/> ahead); changes always come out in binlog order, and everything read
/// is delivered before the stream waits on the server. A client runs one stream at a time.
/// </para>
/// </summary>
public sealed partial class BinlogClient(BinlogStreamOptions options)
{
    // Rows events decode on the thread pool while the next events are read; this many events may be in flight.
    private const int MaxEventsInFlight = 32;
    private readonly Queue<PendingChanges> _queue = new();
    private List<BinlogChange> _pending = [];
    private Task<List<BinlogChange>>? _decoding;
    private BinlogStreamState? _state;
    private BinlogStart? _resumeFrom;

    /// <summary>Where a new stream continues after the last transaction this one delivered whole.</summary>
    public BinlogStart? ResumeFrom => _resumeFrom;

    public async IAsyncEnumerable<BinlogChange> StreamAsync(BinlogStart start, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _state = new BinlogStreamState(start);
        _resumeFrom = start;
        _queue.Clear();
        await using var metadata = await OpenSessionAsync(cancellationToken);
        var facts = await Metadata.ServerFacts.ReadAsync(metadata, cancellationToken);
        facts.EnsureReadyForChangeCapture();
        await CheckBinlogAccessAsync(metadata, cancellationToken);
        await using var replication = await OpenSessionAsync(cancellationToken);
        await StartDumpAsync(replication, facts, start, cancellationToken);

        var parser = new BinlogEventParser(string.Equals(facts.BinlogChecksum, "CRC32", StringComparison.OrdinalIgnoreCase) ? ChecksumAlgorithm.Crc32 : ChecksumAlgorithm.Off);
        var tables = new BinlogTableResolver(metadata);
        MySqlConnectionException? lost = null;
        while (true)
        {
            var read = ReadEventAsync(replication, parser, start, cancellationToken);
            if (!read.IsCompleted)
            {
                // The server has sent nothing more yet: deliver everything decoded before waiting for it.
                while (_queue.Count > 0)
                {
                    foreach (var change in await DequeueAsync())
                    {
                        yield return change;
                    }
                }
            }

            BinlogEvent? binlogEvent = null;
            try
            {
                binlogEvent = await read;
            }
            catch (MySqlConnectionException e)
            {
                lost = e;
            }

            if (binlogEvent is null)
            {
                break;
            }

            await ApplyAsync(binlogEvent, tables, cancellationToken);
            Enqueue();
            while (_queue.Count > MaxEventsInFlight)
            {
                foreach (var change in await DequeueAsync())
                {
                    yield return change;
                }
            }

            if (options.StopAt is { } stop && _state.File is { } file && binlogEvent.Header.NextPosition != 0
                && new BinlogPosition(file, binlogEvent.Header.NextPosition).CompareTo(stop) >= 0)
            {
                break;
            }
        }

        // Changes read before the connection dropped are delivered first, so ResumeFrom is the last commit delivered.
        while (_queue.Count > 0)
        {
            foreach (var change in await DequeueAsync())
            {
                yield return change;
            }
        }

        if (lost is not null)
        {
            throw new BinlogConnectionLostException(_resumeFrom, lost);
        }
    }

    private void Enqueue()
    {
        var resumeAfter = _state!.TakeCommit();
        if (_decoding is not null)
        {
            _queue.Enqueue(new PendingChanges(null, _decoding, resumeAfter));
            _decoding = null;
        }
        else if (_pending.Count > 0 || resumeAfter is not null)
        {
            _queue.Enqueue(new PendingChanges(_pending, null, resumeAfter));
            _pending = [];
        }
    }

    private async ValueTask<List<BinlogChange>> DequeueAsync()
    {
        var next = _queue.Dequeue();
        var changes = next.Changes ?? await next.Decoding!;
        _resumeFrom = next.ResumeAfter ?? _resumeFrom;
        return changes;
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
                    _pending.Add(new TransactionBegin(position, state.Gtid, header.Time));
                }

                break;
            case MySqlGtidEvent gtid:
                state.BeginGroup(gtid.IsAnonymous ? null : gtid.Gtid, null, standalone: false);
                break;
            case QueryEvent { IsBegin: true }:
                if (!state.InTransaction)
                {
                    state.InTransaction = true;
                    _pending.Add(new TransactionBegin(position, state.Gtid, header.Time));
                }

                break;
            case QueryEvent { IsCommit: true } or QueryEvent { IsRollback: true }:
                _pending.Add(new TransactionCommit(position, state.Gtid, header.Time, null));
                state.Commit(position);
                break;
            case XidEvent xid:
                _pending.Add(new TransactionCommit(position, state.Gtid, header.Time, xid.Xid));
                state.Commit(position);
                break;
            case QueryEvent query:
                tables.Forget();
                _pending.Add(new SchemaChange(position, state.Gtid, header.Time, query.Schema, query.Sql));
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
                var transactionGtid = state.Gtid;
                _decoding = Task.Run(() => RowChanges(rows, layout, position, transactionGtid, header.Time), cancellationToken);
                break;
            case HeartbeatEvent:
                _pending.Add(new BinlogHeartbeat(position, state.Gtid, header.Time));
                break;
        }
    }

    private static List<BinlogChange> RowChanges(RowsEvent rows, RowImageLayout layout, BinlogPosition position, string? gtid, DateTimeOffset time)
    {
        var images = RowImageDecoder.Decode(rows, layout);
        var schema = layout.Schema;
        var changes = new List<BinlogChange>(rows is UpdateRowsEvent ? images.ImageCount / 2 : images.ImageCount);
        for (var i = 0; i < images.ImageCount; i++)
        {
            changes.Add(rows switch
            {
                WriteRowsEvent => new RowInserted(position, gtid, time, schema, images.Image(i)),
                UpdateRowsEvent => new RowUpdated(position, gtid, time, schema, images.Image(i), images.Image(++i)),
                _ => new RowDeleted(position, gtid, time, schema, images.Image(i)),
            });
        }

        return changes;
    }
}
