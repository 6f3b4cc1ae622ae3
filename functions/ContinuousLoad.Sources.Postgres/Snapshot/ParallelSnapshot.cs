using System.Threading.Channels;
using ContinuousLoad.Sources.Postgres.Metadata;
using ContinuousLoad.Sources.Postgres.Values;

namespace ContinuousLoad.Sources.Postgres.Snapshot;

/// <summary>
/// Reads a whole table from an exported snapshot with several readers at once: one plans the work,
/// <c>degree</c> readers each take the next piece and hand its rows to the callbacks (rows of one chunk
/// in key order, chunks concurrently). <c>onChunkDone</c> runs after a chunk's last row with the chunk's
/// exact bounds, which is where a caller records progress to resume from. A row is valid only while
/// <c>onRow</c> runs (<see cref="SnapshotRow"/>).
/// <para>
/// A key of one integer column is planned by ranges (<see cref="IntegerKeyRanges"/>): a chunk's end is then
/// known once it is read, so <c>onRow</c> sees the range's end as the chunk's <see cref="KeysetChunk.UpTo"/>
/// and <c>onChunkDone</c> the last key read; chunk indexes count chunks in the order they start. Any other
/// key is planned chunk by chunk (<see cref="SnapshotReader.PlanChunksAsync"/>).
/// </para>
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
        var chunks = Channel.CreateBounded<KeysetChunk>(degree * 4);
        await using var planner = await SnapshotReader.OpenAsync(connectionString, snapshotName, types, stop.Token);
        var metadata = await planner.ReadTableAsync(table, stop.Token);
        var columnTypes = await planner.ColumnTypesAsync(metadata, stop.Token);
        var keyColumn = IntegerKeyRanges.KeyColumn(metadata, columnTypes);
        var bounds = keyColumn < 0 ? null : await planner.IntegerKeyBoundsAsync(metadata, after, stop.Token);
        var ranges = bounds is null ? null : new RangeReading(metadata, columnTypes, keyColumn, chunkSize);
        var readers = Enumerable.Range(0, degree).Select(_ => ReadChunksAsync(connectionString, snapshotName, metadata, columnTypes, ranges, chunks.Reader, onRow, onChunkDone, stop.Token)).ToList();
        try
        {
            var work = bounds is { } keys
                ? IntegerKeyRanges.Split(keys.Min, keys.Max, degree * 4, after).ToAsyncEnumerable()
                : planner.PlanChunksAsync(metadata, chunkSize, after, stop.Token);
            await foreach (var chunk in work.WithCancellation(stop.Token))
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
        RangeReading? ranges,
        ChannelReader<KeysetChunk> chunks,
        Func<KeysetChunk, SnapshotRow, ValueTask> onRow,
        Func<KeysetChunk, ValueTask> onChunkDone,
        CancellationToken cancellationToken)
    {
        using var copier = await ChunkCopier.OpenAsync(connectionString, snapshotName, cancellationToken);
        await foreach (var chunk in chunks.ReadAllAsync(cancellationToken))
        {
            if (ranges is not null)
            {
                await ranges.ReadAsync(copier, chunk, onRow, onChunkDone, cancellationToken);
                continue;
            }

            await copier.CopyAsync(KeysetSql.CopyChunk(table, types, chunk.After, chunk.UpTo), types, row => onRow(chunk, row), cancellationToken);
            await onChunkDone(chunk);
        }
    }
}
