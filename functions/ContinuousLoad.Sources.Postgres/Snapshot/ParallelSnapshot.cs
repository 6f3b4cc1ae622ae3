using System.Threading.Channels;
using ContinuousLoad.Sources.Postgres.Metadata;
using ContinuousLoad.Sources.Postgres.Values;

namespace ContinuousLoad.Sources.Postgres.Snapshot;

/// <summary>
/// Reads a whole table from an exported snapshot with several readers at once: one plans chunk
/// boundaries, <c>degree</c> readers each take the next chunk and hand its rows to the callbacks (rows of
/// one chunk in key order, chunks concurrently). <c>onChunkDone</c> runs after a chunk's last row, which is
/// where a caller records progress to resume from. A row is valid only while
/// <c>onRow</c> runs (<see cref="SnapshotRow"/>).
/// </summary>
public static class ParallelSnapshot
{
    public static async Task ReadTableAsync(
        string connectionString,
        string snapshotName,
        PgTypeCatalog types,
        TableName table,
        int chunkSize,
        int degree,
        IReadOnlyList<string>? after,
        Func<KeysetChunk, SnapshotRow, ValueTask> onRow,
        Func<KeysetChunk, ValueTask> onChunkDone,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degree, 1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var chunks = Channel.CreateBounded<KeysetChunk>(degree * 2);
        await using var planner = await SnapshotReader.OpenAsync(connectionString, snapshotName, types, stop.Token);
        var metadata = await planner.ReadTableAsync(table, stop.Token);
        var columnTypes = await planner.ColumnTypesAsync(metadata, stop.Token);
        var readers = Enumerable.Range(0, degree).Select(_ => ReadChunksAsync(connectionString, snapshotName, metadata, columnTypes, chunks.Reader, onRow, onChunkDone, stop.Token)).ToList();
        try
        {
            await foreach (var chunk in planner.PlanChunksAsync(metadata, chunkSize, after, stop.Token))
            {
                await chunks.Writer.WriteAsync(chunk, stop.Token);
            }

            chunks.Writer.Complete();
            await Task.WhenAll(readers);
        }
        catch
        {
            await stop.CancelAsync();
            chunks.Writer.TryComplete();
            await Task.WhenAll(readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
            // The first reader failure is the interesting one; cancellation of the others follows from it.
            foreach (var reader in readers.Where(r => r.IsFaulted))
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(reader.Exception!.InnerException!).Throw();
            }

            throw;
        }
    }

    private static async Task ReadChunksAsync(
        string connectionString,
        string snapshotName,
        TableMetadata table,
        PgTypeInfo[] types,
        ChannelReader<KeysetChunk> chunks,
        Func<KeysetChunk, SnapshotRow, ValueTask> onRow,
        Func<KeysetChunk, ValueTask> onChunkDone,
        CancellationToken cancellationToken)
    {
        using var copier = await ChunkCopier.OpenAsync(connectionString, snapshotName, cancellationToken);
        await foreach (var chunk in chunks.ReadAllAsync(cancellationToken))
        {
            await copier.CopyAsync(KeysetSql.CopyChunk(table, types, chunk.After, chunk.UpTo), types, row => onRow(chunk, row), cancellationToken);
            await onChunkDone(chunk);
        }
    }
}
