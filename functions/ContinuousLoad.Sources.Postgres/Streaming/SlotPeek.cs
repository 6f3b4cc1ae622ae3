using System.Buffers;
using System.Buffers.Binary;
using System.Data;
using System.Runtime.CompilerServices;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.Postgres.Changes;
using ContinuousLoad.Sources.Postgres.Protocol;
using ContinuousLoad.Sources.Postgres.Values;
using Npgsql;

namespace ContinuousLoad.Sources.Postgres.Streaming;

/// <summary>
/// Reads a slot's changes without consuming them, over a plain connection:
/// <c>pg_logical_slot_peek_binary_changes</c> decodes with pgoutput from the slot's confirmed position,
/// and the same <see cref="PgOutputDecoder"/> as the stream turns the messages into changes. Unlike a
/// replication stream, a peek ends by itself — after the transactions committed before a given LSN, or
/// after about a number of messages — so a reader knows when it has everything up to a point, whether
/// or not anything commits after it. Whole transactions only: the server cuts at commits.
/// </summary>
internal static class SlotPeek
{
    /// <param name="before">Only transactions whose commit record lies before this LSN; null: up to the end of flushed WAL.</param>
    /// <param name="messages">Stop at the first commit after about this many messages; null: no limit.</param>
    public static async IAsyncEnumerable<SourceChange<PgPoint>> ReadAsync(NpgsqlConnection connection, PgTypeCatalog types, string slot, string publication,
        Lsn? before, long? messages, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var decoder = new PgOutputDecoder(types.Find);
        await foreach (var message in MessagesAsync(connection, slot, publication, before, messages, cancellationToken))
        {
            if (message.Span[0] == 'R')
            {
                foreach (var oid in PgOutputDecoder.RelationTypeOids(message.Span).Where(o => !types.IsKnown(o)))
                {
                    await types.ResolveAsync(oid, cancellationToken);
                }
            }

            if (decoder.Decode(message.Span) is { } change)
            {
                yield return change;
            }
        }
    }

    /// <summary>
    /// The same transactions as <see cref="ReadAsync"/>, summed up without decoding a row: where each commits and ends,
    /// when, and how many row changes it holds — what planning a task needs, at a fraction of the cost.
    /// </summary>
    public static async IAsyncEnumerable<PeekedTransaction> ScanAsync(NpgsqlConnection connection, string slot, string publication, Lsn? before, long? messages,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long changes = 0;
        await foreach (var message in MessagesAsync(connection, slot, publication, before, messages, cancellationToken))
        {
            switch ((char)message.Span[0])
            {
                case 'B':
                    changes = 0;
                    break;
                case 'I' or 'U' or 'D':
                    changes++;
                    break;
                case 'C':
                    // Commit: flags (1), commit LSN (8), end LSN (8), commit time (8).
                    var commit = message.Span;
                    yield return new PeekedTransaction(new Lsn(BinaryPrimitives.ReadUInt64BigEndian(commit[2..])), new Lsn(BinaryPrimitives.ReadUInt64BigEndian(commit[10..])),
                        PgTimestamp.FromMicroseconds(BinaryPrimitives.ReadInt64BigEndian(commit[18..])), changes);
                    break;
            }
        }
    }

    /// <summary>The peeked messages of the transactions to read, each valid until the next (the buffer is reused).</summary>
    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> MessagesAsync(NpgsqlConnection connection, string slot, string publication, Lsn? before,
        long? messages, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The server stops after the record that reaches upto_lsn, which may be a commit at exactly that LSN; the filter below drops it.
        await using var command = new NpgsqlCommand(
            "SELECT data FROM pg_logical_slot_peek_binary_changes($1, $2::pg_lsn, $3::int, 'proto_version', '1', 'publication_names', $4)", connection)
        {
            Parameters =
            {
                new() { Value = slot },
                new() { Value = (object?)before?.ToString() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                new() { Value = messages is { } count ? (object)(int)Math.Min(count, int.MaxValue) : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer },
                new() { Value = "\"" + publication.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" },
            },
            CommandTimeout = 0,
        };
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var skipping = false;
        NpgsqlDataReader reader;
        try
        {
            reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        }
        catch (PostgresException e)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw Replication.ServerErrors.Translate(e, slot);
        }

        try
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var length = checked((int)reader.GetBytes(0, 0, null, 0, 0));
                if (buffer.Length < length)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(length);
                }

                reader.GetBytes(0, 0, buffer, 0, length);
                if (length == 0)
                {
                    continue;
                }

                if (buffer[0] == 'B')
                {
                    // Begin: the final (commit) LSN first.
                    skipping = before is { } end && BinaryPrimitives.ReadUInt64BigEndian(buffer.AsSpan(1)) >= end.Value;
                }

                if (!skipping)
                {
                    yield return buffer.AsMemory(0, length);
                }
            }
        }
        finally
        {
            await reader.DisposeAsync();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>A transaction a peek found: its commit record's LSN and end, its commit time, and how many row changes it holds.</summary>
public readonly record struct PeekedTransaction(Lsn CommitLsn, Lsn EndLsn, DateTimeOffset CommitTime, long Changes);
