using System.Collections.Concurrent;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sources.Postgres.Snapshot;

namespace ContinuousLoad.IntegrationTests.Sources.Postgres;

/// <summary>
/// A key of one integer column is read by ranges in chunks of N rows: with gaps, negative keys and a far
/// outlier, every row comes exactly once, each completed chunk holds at most N rows, all within the
/// bounds it reports, and reading again after a reported bound resumes exactly there.
/// </summary>
public sealed class SnapshotRangeTests(PostgresServer postgres)
{
    private const int ChunkSize = 97;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory(Timeout = 120_000)]
    [InlineData("bigint", 1_000_000_000_000)]
    [InlineData("int", 2_000_000_000)]
    [InlineData("smallint", 32_000)]
    public async Task Integer_keys_are_read_by_ranges_in_exact_chunks(string keyType, long outlier)
    {
        await using var scope = await PostgresScope.CreateAsync(postgres.ConnectionString, Token);
        var table = scope.Table();
        await scope.ExecuteAsync(
            $"""
            CREATE TABLE {table.Quoted} (id {keyType} PRIMARY KEY, v text);
            INSERT INTO {table.Quoted} SELECT i, 'v' || i FROM generate_series(-500, -1) i;
            INSERT INTO {table.Quoted} SELECT i, 'v' || i FROM generate_series(1, 4000, 2) i;
            INSERT INTO {table.Quoted} SELECT {outlier} - i, 'far' FROM generate_series(0, 300) i;
            """,
            Token);
        var source = scope.Source([table]);
        await source.PrepareAsync(Token);
        await using var snapshot = await source.CreateSlotAsync(Token);

        var (rows, chunks) = await ReadAsync(source, snapshot, table, after: null);
        var (resumed, _) = await ReadAsync(source, snapshot, table, after: ["1501"]);

        var ids = rows.Select(r => r.Id).ToList();
        Assert.Equal(500 + 2000 + 301, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(chunks.Count, chunks.Select(c => c.Index).Distinct().Count());
        foreach (var chunk in chunks)
        {
            var inChunk = rows.Where(r => r.Chunk == chunk.Index).Select(r => r.Id).ToList();
            Assert.True(inChunk.Count <= ChunkSize, $"chunk {chunk.Index} has {inChunk.Count} rows");
            Assert.All(inChunk, id => Assert.True(
                (chunk.After is null || id > long.Parse(chunk.After[0])) && (chunk.UpTo is null || id <= long.Parse(chunk.UpTo[0])),
                $"key {id} outside chunk {chunk.Index} ({chunk.After?[0]}, {chunk.UpTo?[0]}]"));
            Assert.Equal(inChunk.Order(), inChunk);
        }

        Assert.True(chunks.Count(c => rows.Count(r => r.Chunk == c.Index) == ChunkSize) >= 20, "most chunks are full");
        Assert.Equal(ids.Where(id => id > 1501).Order(), resumed.Select(r => r.Id).Order());
    }

    private static async Task<(List<(int Chunk, long Id)> Rows, List<KeysetChunk> Chunks)> ReadAsync(
        ContinuousLoad.Sources.Postgres.PostgresSource source,
        ContinuousLoad.Sources.Postgres.Replication.ExportedSnapshot snapshot,
        ContinuousLoad.Sources.Postgres.TableName table,
        IReadOnlyList<string>? after)
    {
        var rows = new ConcurrentQueue<(int, long)>();
        var chunks = new ConcurrentBag<KeysetChunk>();
        await source.ReadSnapshotAsync(
            snapshot,
            table,
            ChunkSize,
            degree: 3,
            (chunk, row) =>
            {
                rows.Enqueue((chunk.Index, Convert.ToInt64(row.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)));
                return ValueTask.CompletedTask;
            },
            chunk =>
            {
                chunks.Add(chunk);
                return ValueTask.CompletedTask;
            },
            Token,
            after);
        return ([.. rows], [.. chunks]);
    }
}
