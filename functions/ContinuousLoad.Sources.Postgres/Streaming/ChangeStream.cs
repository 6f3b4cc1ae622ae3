using System.Buffers;
using System.Runtime.CompilerServices;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.Postgres.Changes;
using ContinuousLoad.Sources.Postgres.Protocol;
using ContinuousLoad.Sources.Postgres.Values;
using Npgsql;
using Npgsql.Replication;
using Npgsql.Replication.Internal;
using Npgsql.Replication.PgOutput;

namespace ContinuousLoad.Sources.Postgres.Streaming;

/// <summary>
/// The change stream of one slot: pgoutput protocol 1 over Npgsql's <see cref="LogicalReplicationConnection"/>,
/// decoded by us (<see cref="PgOutputDecoder"/>) into <see cref="SourceChange{TPosition}"/>s positioned by <see cref="PgPoint"/>.
/// <para>
/// Text, not binary, pgoutput: numeric text is exact (binary would need our own base-10000 decoder for
/// the same result), enums, domains and extension types always have a text form while binary needs a
/// send/receive pair for every type (before PostgreSQL 16 a missing one fails the whole stream), and
/// snapshot rows are read as the same text, so one decoder serves both and they cannot disagree. The
/// server's decoding, not the client's parsing, bounds the rate (docs/benchmarks.md).
/// </para>
/// <para>
/// Progress: the slot moves only to what the consumer passed to <see cref="Acknowledge"/> (a
/// <see cref="TransactionCommit.EndLsn"/> it has made durable), except while idle: when every delivered
/// transaction is acknowledged and none is open, the position the server reported in its keepalives is
/// confirmed, because no watched change lies before it (see docs/postgres-source.md).
/// A dropped connection is reopened from the acknowledged position; transactions delivered before the
/// drop are not delivered again, and a transaction cut in the middle starts again with its
/// <see cref="TransactionBegin"/> (discard a partial one when a Begin arrives).
/// </para>
/// </summary>
public sealed class ChangeStream(string replicationConnectionString, PgTypeCatalog types, string slotName, string publicationName, ChangeStreamOptions options)
{
    private readonly Lock _progress = new();
    private long _acknowledged;
    private ulong _deliveredCommit;
    private bool _transactionOpen;
    private LogicalReplicationConnection? _connection;

    /// <summary>The position confirmed to the server (acknowledged, or advanced while idle).</summary>
    public Lsn Acknowledged => new((ulong)Interlocked.Read(ref _acknowledged));

    /// <summary>Allow the slot to move up to <paramref name="lsn"/> (sent with the next status update).</summary>
    public void Acknowledge(Lsn lsn)
    {
        lock (_progress)
        {
            if (lsn > Acknowledged)
            {
                Interlocked.Exchange(ref _acknowledged, (long)lsn.Value);
                _connection?.SetReplicationStatus(lsn.ToNpgsql());
            }
        }
    }

    /// <summary>Sends the acknowledged position now rather than with the next periodic update.</summary>
    public async Task SendStatusAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } connection)
        {
            await connection.SendStatusUpdate(cancellationToken);
        }
    }

    /// <summary>
    /// Changes from <paramref name="start"/> (or the slot's confirmed position when null or older —
    /// the server never goes back before what was confirmed) until cancelled.
    /// </summary>
    public async IAsyncEnumerable<SourceChange<PgPoint>> ReadAsync(Lsn? start, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var decoder = new PgOutputDecoder(types.Find);
        var position = start ?? Lsn.Zero;
        lock (_progress)
        {
            Interlocked.Exchange(ref _acknowledged, (long)position.Value);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var skippingTo = Lsn.Zero;
        var openCommit = Lsn.Zero;
        var lostSince = (DateTime?)null;
        using var idle = new Timer(_ => AdvanceWhileIdle(), null, options.StatusInterval, options.StatusInterval);
        try
        {
            while (true)
            {
                await using var connection = new LogicalReplicationConnection(replicationConnectionString)
                {
                    WalReceiverStatusInterval = options.StatusInterval,
                    WalReceiverTimeout = options.ReceiveTimeout,
                };
                IAsyncEnumerator<XLogDataMessage>? messages = null;
                try
                {
                    await connection.Open(cancellationToken);
                    var from = Lsn.Max(Acknowledged, position);
                    connection.SetReplicationStatus(from.ToNpgsql());
                    messages = connection.StartLogicalReplication(
                        new PgOutputReplicationSlot(slotName), cancellationToken, from.Value == 0 ? null : from.ToNpgsql(), PgOutputOptions(publicationName))
                        .GetAsyncEnumerator(cancellationToken);
                    lock (_progress)
                    {
                        _connection = connection;
                        _transactionOpen = false;
                    }
                }
                catch (Exception e) when (IsConnectionLoss(e, cancellationToken, lostSince) && StillRetrying(ref lostSince))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                    continue;
                }
                catch (PostgresException e)
                {
                    throw Replication.ServerErrors.Translate(e, slotName);
                }

                decoder.ResetTransaction();
                await using (messages)
                {
                    while (true)
                    {
                        SourceChange<PgPoint>? change;
                        try
                        {
                            if (!await messages.MoveNextAsync())
                            {
                                throw new PostgresSourceException(PostgresSourceError.ProtocolViolation, $"The server ended replication of slot '{slotName}' (slot dropped or server shutting down).");
                            }

                            lostSince = null;
                            var data = messages.Current.Data;
                            var length = checked((int)data.Length);
                            if (buffer.Length < length)
                            {
                                ArrayPool<byte>.Shared.Return(buffer);
                                buffer = ArrayPool<byte>.Shared.Rent(length);
                            }

                            await data.ReadExactlyAsync(buffer.AsMemory(0, length), cancellationToken);
                            if (length > 0 && buffer[0] == 'R')
                            {
                                foreach (var oid in PgOutputDecoder.RelationTypeOids(buffer.AsSpan(0, length)).Where(o => !types.IsKnown(o)))
                                {
                                    await types.ResolveAsync(oid, cancellationToken);
                                }
                            }

                            change = decoder.Decode(buffer.AsSpan(0, length));
                        }
                        catch (Exception e) when (IsConnectionLoss(e, cancellationToken, lostSince) && StillRetrying(ref lostSince))
                        {
                            lock (_progress)
                            {
                                _connection = null;
                            }

                            break;
                        }
                        catch (PostgresException e)
                        {
                            throw Replication.ServerErrors.Translate(e, slotName);
                        }

                        if (change is null)
                        {
                            continue;
                        }

                        if (change is TransactionBegin<PgPoint> begin)
                        {
                            openCommit = begin.Position.Lsn;
                            if (openCommit.Value <= _deliveredCommit)
                            {
                                skippingTo = openCommit; // delivered before the connection dropped
                            }
                        }

                        if (skippingTo != Lsn.Zero)
                        {
                            if (change is TransactionCommit<PgPoint>)
                            {
                                skippingTo = Lsn.Zero;
                            }

                            continue;
                        }

                        lock (_progress)
                        {
                            _transactionOpen = change is not TransactionCommit<PgPoint>;
                            if (change is TransactionCommit<PgPoint>)
                            {
                                _deliveredCommit = openCommit.Value;
                            }
                        }

                        yield return change;
                    }
                }
            }
        }
        finally
        {
            lock (_progress)
            {
                _connection = null;
            }

            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The idle remedy: pgoutput sends nothing for tables outside the publication, so without this a
    /// quiet slot would hold WAL back while the rest of the database churns. When nothing delivered is
    /// unacknowledged and no transaction is open, the last position received (keepalives report how far
    /// the server has decoded) holds no change we owe the consumer, so it is confirmed.
    /// </summary>
    private void AdvanceWhileIdle()
    {
        if (!options.AdvanceWhileIdle)
        {
            return;
        }

        lock (_progress)
        {
            if (_connection is not { } connection || _transactionOpen || _deliveredCommit > (ulong)Interlocked.Read(ref _acknowledged))
            {
                return;
            }

            var received = Lsn.FromNpgsql(connection.LastReceivedLsn);
            if (received > Acknowledged)
            {
                Interlocked.Exchange(ref _acknowledged, (long)received.Value);
                connection.SetReplicationStatus(received.ToNpgsql());
            }
        }
    }

    private bool StillRetrying(ref DateTime? lostSince)
    {
        lostSince ??= DateTime.UtcNow;
        return DateTime.UtcNow - lostSince < options.ReconnectFor;
    }

    // After a drop, the old walsender may still hold the slot for a moment (55006): retried like the drop itself.
    private static bool IsConnectionLoss(Exception e, CancellationToken cancellationToken, DateTime? lostSince) =>
        IsConnectionLoss(e, cancellationToken) || (lostSince is not null && e is PostgresException { SqlState: "55006" });

    private static bool IsConnectionLoss(Exception e, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && e is NpgsqlException or IOException or TimeoutException && e is not PostgresException
        || e is PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "08006" or "08003" or "08001" };

    private static KeyValuePair<string, string?>[] PgOutputOptions(string publication) =>
    [
        new("proto_version", "1"),
        new("publication_names", "\"" + publication.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""),
    ];
}
