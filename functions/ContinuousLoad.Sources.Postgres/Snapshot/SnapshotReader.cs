using System.Globalization;
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
    private readonly string _connectionString;
    private readonly string _snapshotName;
    private readonly PgTypeCatalog _types;
    private ChunkCopier? _copier;

    private SnapshotReader(NpgsqlConnection connection, string connectionString, string snapshotName, PgTypeCatalog types) =>
        (_connection, _connectionString, _snapshotName, _types) = (connection, connectionString, snapshotName, types);

    public static async Task<SnapshotReader> OpenAsync(string connectionString, string snapshotName, PgTypeCatalog types, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(SessionSettings.Apply(connectionString, "continuousload-snapshot"));
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var begin = new NpgsqlCommand(SnapshotTransaction.Begin(snapshotName), connection);
            await begin.ExecuteNonQueryAsync(cancellationToken);
            return new SnapshotReader(connection, connectionString, snapshotName, types);
        }
        catch (PostgresException e) when (SnapshotTransaction.IsExpired(e))
        {
            await connection.DisposeAsync();
            throw SnapshotTransaction.Expired(snapshotName, e);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public Task<TableMetadata> ReadTableAsync(TableName table, CancellationToken cancellationToken) => MetadataReader.ReadTableAsync(_connection, table, cancellationToken);

    /// <summary>The decoder's view of each column's type, in column order.</summary>
    public async Task<PgTypeInfo[]> ColumnTypesAsync(TableMetadata table, CancellationToken cancellationToken)
    {
        var types = new PgTypeInfo[table.Columns.Count];
        for (var i = 0; i < types.Length; i++)
        {
            types[i] = await _types.ResolveAsync(table.Columns[i].TypeOid, cancellationToken);
        }

        return types;
    }
    /// <summary>The smallest and largest value of a one-column integer key after <paramref name="after"/>; null when no row follows.</summary>
    public async Task<(long Min, long Max)?> IntegerKeyBoundsAsync(TableMetadata table, IReadOnlyList<string>? after, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(KeysetSql.KeyBounds(table, after), _connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0)
            ? (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture))
            : null;
    }

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

    /// <summary>
    /// Hands the chunk's rows to <paramref name="onRow"/> in key order, one at a time (the row is valid
    /// until the callback returns); returns how many there were. The rows come over a second connection in
    /// the same snapshot (<see cref="ChunkCopier"/>), opened at the first chunk.
    /// </summary>
    public async Task<long> ReadChunkAsync(TableMetadata table, KeysetChunk chunk, Func<SnapshotRow, ValueTask> onRow, CancellationToken cancellationToken)
    {
        var types = await ColumnTypesAsync(table, cancellationToken);
        _copier ??= await ChunkCopier.OpenAsync(_connectionString, _snapshotName, cancellationToken);
        return await _copier.CopyAsync(KeysetSql.CopyChunk(table, types, chunk.After, chunk.UpTo), types, onRow, cancellationToken);
    }

    /// <summary>The row whose primary key is <paramref name="key"/> (values as the server prints them), as of the snapshot; null when there is none.</summary>
    public async Task<object?[]?> ReadRowAsync(TableMetadata table, IReadOnlyList<string> key, CancellationToken cancellationToken)
    {
        var types = await ColumnTypesAsync(table, cancellationToken);
        _copier ??= await ChunkCopier.OpenAsync(_connectionString, _snapshotName, cancellationToken);
        object?[]? found = null;
        await _copier.CopyAsync(KeysetSql.CopyRow(table, types, key), types, row =>
        {
            found = row.ToArray();
            return ValueTask.CompletedTask;
        }, cancellationToken);
        return found;
    }

    public async ValueTask DisposeAsync()
    {
        _copier?.Dispose();
        await _connection.DisposeAsync();
    }
}
