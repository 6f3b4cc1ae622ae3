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
/// Each rows event is indexed as it arrives — one pass records where every value starts and checks every
/// length — and its changes are delivered before the next event is read; their values decode when the
/// consumer reads them (<see cref="RowImage"/>). A client runs one stream at a time.
/// </para>
/// </summary>
public sealed partial class BinlogClient(BinlogStreamOptions options)
{
    private readonly List<BinlogChange> _pending = [];
    private BinlogStreamState? _state;
    private BinlogStart? _resumeFrom;

    /// <summary>Where a new stream continues after the last transaction this one delivered whole.</summary>
    public BinlogStart? ResumeFrom => _resumeFrom;

    public async IAsyncEnumerable<BinlogChange> StreamAsync(BinlogStart start, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _state = new BinlogStreamState(start);
        _resumeFrom = start;
        _pending.Clear();
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
            BinlogEvent? binlogEvent = null;
            try
            {
                binlogEvent = await ReadEventAsync(replication, parser, start, cancellationToken);
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
            foreach (var change in _pending)
            {
                yield return change;
            }

            _pending.Clear();
            // The resume point moves only once a commit's changes are all delivered.
            _resumeFrom = _state.TakeCommit() ?? _resumeFrom;
            if (options.StopAt is { } stop && _state.File is { } file && binlogEvent.Header.NextPosition != 0
                && new BinlogPosition(file, binlogEvent.Header.NextPosition).CompareTo(stop) >= 0)
            {
                break;
            }
        }

        // Everything read before the connection dropped has been delivered, so ResumeFrom is the last commit delivered.
        if (lost is not null)
        {
            throw new BinlogConnectionLostException(_resumeFrom, lost);
        }
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
                AddRowChanges(rows, layout, position, state.Gtid, header.Time);
                break;
            case HeartbeatEvent:
                _pending.Add(new BinlogHeartbeat(position, state.Gtid, header.Time));
                break;
        }
    }

    private void AddRowChanges(RowsEvent rows, RowImageLayout layout, BinlogPosition position, string? gtid, DateTimeOffset time)
    {
        var images = RowImageDecoder.Decode(rows, layout);
        var schema = layout.Schema;
        for (var i = 0; i < images.ImageCount; i++)
        {
            _pending.Add(rows switch
            {
                WriteRowsEvent => new RowInserted(position, gtid, time, schema, images.Image(i)),
                UpdateRowsEvent => new RowUpdated(position, gtid, time, schema, images.Image(i), images.Image(++i)),
                _ => new RowDeleted(position, gtid, time, schema, images.Image(i)),
            });
        }
    }
}
