using ContinuousLoad.Sources.Postgres.Metadata;
using ContinuousLoad.Sources.Postgres.Values;

namespace ContinuousLoad.Sources.Postgres.Snapshot;

/// <summary>
/// Reads one range of a one-column integer key (<see cref="IntegerKeyRanges"/>) in chunks of at most
/// <c>chunkSize</c> rows, each after the last key the previous one read, until a chunk comes back short.
/// Chunk indexes are shared by every reader of the table, in the order chunks start.
/// </summary>
internal sealed class RangeReading(TableMetadata table, PgTypeInfo[] types, int keyColumn, int chunkSize)
{
    private int _nextIndex = -1;

    public async Task ReadAsync(
        ChunkCopier copier,
        KeysetChunk range,
        Func<KeysetChunk, SnapshotRow, ValueTask> onRow,
        Func<KeysetChunk, ValueTask> onChunkDone,
        CancellationToken cancellationToken)
    {
        var after = range.After;
        while (true)
        {
            var chunk = new KeysetChunk(Interlocked.Increment(ref _nextIndex), after, range.UpTo);
            var last = 0L;
            var count = await copier.CopyAsync(
                KeysetSql.CopyChunk(table, types, after, range.UpTo, chunkSize),
                types,
                row =>
                {
                    last = IntegerKeyRanges.Read(row, keyColumn);
                    return onRow(chunk, row);
                },
                cancellationToken);
            if (count < chunkSize)
            {
                await onChunkDone(chunk);
                return;
            }

            after = [IntegerKeyRanges.Key(last)];
            await onChunkDone(chunk with { UpTo = after });
        }
    }
}
