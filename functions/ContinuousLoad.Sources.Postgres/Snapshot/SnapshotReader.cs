using System.Runtime.CompilerServices;
using ContinuousLoad.Sources.Postgres.Metadata;
using ContinuousLoad.Sources.Postgres.Values;
using Npgsql;

namespace ContinuousLoad.Sources.Postgres.Snapshot;

/// <summary>
/// One connection inside the slot's exported snapshot: a REPEATABLE READ, READ ONLY transaction that
/// ran SET TRANSACTION SNAPSHOT, so every chunk it reads shows the database exactly as of the slot's
/// consistent point — the changes stream starts where the snapshot ends. Several readers may share one
/// snapshot (each its own connection) to read chunks in parallel, while the replication connection
/// that exported it stays open.
/// <para>
/// Once that connection closes the snapshot is gone; a snapshot is not resumed in a later one (no
/// watermarks): opening a reader then fails with <see cref="PostgresSourceError.SnapshotExpired"/>, and
/// the caller drops the slot and starts over (docs/postgres-source.md).
/// </para>
/// </summary>
public sealed class SnapshotReader : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly PgTypeCatalog _types;

    private SnapshotReader(NpgsqlConnection connection, PgTypeCatalog types) => (_connection, _types) = (connection, types);

    public static async Task<SnapshotReader> OpenAsync(string connectionString, string snapshotName, PgTypeCatalog types, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(SessionSettings.Apply(connectionString, "continuousload-snapshot"));
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var begin = new NpgsqlCommand(
                $"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT {KeysetSql.Literal(snapshotName)}", connection);
            await begin.ExecuteNonQueryAsync(cancellationToken);
            return new SnapshotReader(connection, types);
        }
        catch (PostgresException e) when (e.SqlState is "22023" or "0A000")
        {
            await connection.DisposeAsync();
            throw new PostgresSourceException(
                PostgresSourceError.SnapshotExpired,
                $"Snapshot '{snapshotName}' is no longer available ({e.MessageText}): the connection that created the slot has closed. Drop the slot and take the snapshot again.",
                e.SqlState,
                e);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public Task<TableMetadata> ReadTableAsync(TableName table, CancellationToken cancellationToken) => MetadataReader.ReadTableAsync(_connection, table, cancellationToken);

    /// <summary>Chunk boundaries of <paramref name="chunkSize"/> rows, starting after <paramref name="after"/> (null: from the first row).</summary>
    public async IAsyncEnumerable<KeysetChunk> PlanChunksAsync(TableMetadata table, int chunkSize, IReadOnlyList<string>? after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        var index = 0;
        while (true)
        {
            await using var command = new NpgsqlCommand(KeysetSql.ChunkEnd(table, after, chunkSize), _connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                yield return new KeysetChunk(index, after, null);
                yield break;
            }

            var end = new string[reader.FieldCount];
            for (var i = 0; i < end.Length; i++)
            {
                end[i] = reader.GetString(i);
            }

            yield return new KeysetChunk(index++, after, end);
            after = end;
        }
    }

    /// <summary>The chunk's rows in key order, values positional over <see cref="TableMetadata.Columns"/>.</summary>
    public async IAsyncEnumerable<object?[]> ReadChunkAsync(TableMetadata table, KeysetChunk chunk, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var types = new PgTypeInfo[table.Columns.Count];
        for (var i = 0; i < types.Length; i++)
        {
            types[i] = await _types.ResolveAsync(table.Columns[i].TypeOid, cancellationToken);
        }

        await using var stream = await _connection.BeginRawBinaryCopyAsync(KeysetSql.CopyChunk(table, types, chunk.After, chunk.UpTo), cancellationToken);
        using var rows = new BinaryCopyRowReader(stream, types);
        while (await rows.ReadAsync(cancellationToken) is { } row)
        {
            yield return row;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
    }
}
