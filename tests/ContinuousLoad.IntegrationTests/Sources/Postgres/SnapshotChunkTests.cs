using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Snapshot;

namespace ContinuousLoad.IntegrationTests.Sources.Postgres;

/// <summary>Keyset chunks over a composite key: resumable after any chunk; clear refusals without a key or once the snapshot is gone.</summary>
public sealed class SnapshotChunkTests(PostgresServer postgres)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Func<SnapshotRow, ValueTask> Collect(List<object?[]> rows) => row =>
    {
        rows.Add(row.ToArray());
        return ValueTask.CompletedTask;
    };

    [Fact(Timeout = 60_000)]
    public async Task Chunks_resume_after_a_key_and_refuse_a_keyless_table_or_a_closed_snapshot()
    {
        await using var scope = await PostgresScope.CreateAsync(postgres.ConnectionString, Token);
        var (table, keyless) = (scope.Table(), scope.Table("_b"));
        await scope.ExecuteAsync(
            $"""
            CREATE TABLE {table.Quoted} (grp text, seq int, v text, PRIMARY KEY (grp, seq));
            INSERT INTO {table.Quoted} SELECT 'g''' || (i % 3), i, 'v' || i FROM generate_series(1, 100) i;
            CREATE TABLE {keyless.Quoted} (v text);
            """,
            Token);
        var source = scope.Source([table, keyless]);
        await source.PrepareAsync(Token);
        string snapshotName;
        List<KeysetChunk> chunks;
        List<object?[]> all = [], resumed = [];
        await using (var snapshot = await source.CreateSlotAsync(Token))
        {
            snapshotName = snapshot.SnapshotName;
            await using var reader = await source.OpenSnapshotReaderAsync(snapshot.SnapshotName, Token);
            var metadata = await reader.ReadTableAsync(table, Token);
            chunks = await reader.PlanChunksAsync(metadata, 30, null, Token).ToListAsync(Token);
            foreach (var chunk in chunks)
            {
                await reader.ReadChunkAsync(metadata, chunk, Collect(all), Token);
            }

            foreach (var chunk in await reader.PlanChunksAsync(metadata, 30, chunks[1].UpTo, Token).ToListAsync(Token))
            {
                await reader.ReadChunkAsync(metadata, chunk, Collect(resumed), Token);
            }

            var keylessMetadata = await reader.ReadTableAsync(keyless, Token);
            var noKey = await Assert.ThrowsAsync<PostgresSourceException>(async () => await reader.PlanChunksAsync(keylessMetadata, 30, null, Token).ToListAsync(Token));
            Assert.Equal(PostgresSourceError.TableWithoutPrimaryKey, noKey.Error);
        }

        // The exporting walsender ends a moment after its connection closes; until then the snapshot still opens.
        PostgresSourceException? expired = null;
        for (var attempt = 0; attempt < 100 && expired is null; attempt++)
        {
            try
            {
                await (await source.OpenSnapshotReaderAsync(snapshotName, Token)).DisposeAsync();
                await Task.Delay(50, Token);
            }
            catch (PostgresSourceException e)
            {
                expired = e;
            }
        }

        Assert.Equal(4, chunks.Count);
        Assert.Null(chunks[0].After);
        Assert.Equal(["g'0", "90"], chunks[0].UpTo);
        Assert.Null(chunks[^1].UpTo);
        Assert.Equal(100, all.Count);
        Assert.Equal(all.Select(r => ((string)r[0]!, (int)r[1]!)).Order(), all.Select(r => ((string)r[0]!, (int)r[1]!)));
        Assert.Equal(all.Skip(60).Select(r => r[2]), resumed.Select(r => r[2]));
        Assert.Equal(PostgresSourceError.SnapshotExpired, expired?.Error);
    }
}
