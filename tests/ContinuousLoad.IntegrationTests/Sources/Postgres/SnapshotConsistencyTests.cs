using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Changes;
using Npgsql;

namespace ContinuousLoad.IntegrationTests.Sources.Postgres;

/// <summary>
/// The exported snapshot read in parallel keyset chunks, then the stream from the slot's consistent
/// point, reproduce the table exactly, although writers insert, update (keys too) and delete all along.
/// </summary>
public sealed class SnapshotConsistencyTests(PostgresServer postgres)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 180_000)]
    public async Task Snapshot_plus_stream_reproduce_the_table_while_writers_keep_writing()
    {
        await using var scope = await PostgresScope.CreateAsync(postgres.ConnectionString, Token);
        var table = scope.Table();
        await scope.ExecuteAsync(
            $"""
            CREATE TABLE {table.Quoted} (a int, b text, v bigint, PRIMARY KEY (a, b));
            INSERT INTO {table.Quoted} SELECT i % 1000, 'k' || (i / 1000), i FROM generate_series(0, 19999) i;
            """,
            Token);
        var source = scope.Source([table]);
        await source.PrepareAsync(Token);

        using var stopWriters = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(() => WriteAsync(scope.ConnectionString, table, w, stopWriters.Token))).ToList();
        await Task.Delay(300, Token);

        var rows = new Dictionary<(int, string), long>();
        var chunks = 0;
        Lsn start;
        await using (var snapshot = await source.CreateSlotAsync(Token))
        {
            start = snapshot.ConsistentPoint;
            await source.ReadSnapshotAsync(snapshot, table, chunkSize: 1500, degree: 3,
                (_, row) =>
                {
                    lock (rows)
                    {
                        rows.Add((row.Get<int>(0), row.Get<string>(1)), row.Get<long>(2));
                    }

                    return ValueTask.CompletedTask;
                },
                _ =>
                {
                    Interlocked.Increment(ref chunks);
                    return ValueTask.CompletedTask;
                },
                Token);
        }

        await Task.Delay(300, Token);
        await stopWriters.CancelAsync();
        await Task.WhenAll(writers);
        await scope.ExecuteAsync($"INSERT INTO {table.Quoted} VALUES (-1, 'end', -1)", Token);

        var stream = await source.OpenStreamAsync(Token);
        var changes = await PostgresScope.CollectAsync(stream, start, seen => seen.OfType<RowInserted<PgPoint>>().Any(i => (int)i.Row[0]! == -1), Token);
        foreach (var change in changes)
        {
            switch (change)
            {
                case RowInserted<PgPoint> inserted:
                    rows.Add(Key(inserted.Row), (long)inserted.Row[2]!);
                    break;
                case RowUpdated<PgPoint> updated:
                    Assert.True(rows.Remove(Key(updated.Before ?? updated.After)), "an update of a row the snapshot did not have");
                    rows.Add(Key(updated.After), (long)updated.After[2]!);
                    break;
                case RowDeleted<PgPoint> deleted:
                    Assert.True(rows.Remove(Key(deleted.Before)), "a delete of a row the snapshot did not have");
                    break;
            }
        }

        var actual = await ReadTableAsync(scope.ConnectionString, table);
        Assert.True(chunks > 10, $"{chunks} chunks");
        Assert.True(changes.OfType<RowUpdated<PgPoint>>().Count() > 10, "the writers changed rows after the snapshot point");
        Assert.Equal(actual.Count, rows.Count);
        Assert.Equal(actual.OrderBy(p => p.Key), rows.OrderBy(p => p.Key));
    }

    private static (int, string) Key(RowValues row) => ((int)row[0]!, (string)row[1]!);

    private static async Task WriteAsync(string connectionString, TableName table, int writer, CancellationToken stop)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(CancellationToken.None);
        var random = new Random(writer);
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var a = random.Next(1000);
            var sql = (i % 4) switch
            {
                0 => $"INSERT INTO {table.Quoted} VALUES ({a}, 'w{writer}_{i}', {i}) ON CONFLICT DO NOTHING",
                1 => $"UPDATE {table.Quoted} SET v = v + 1 WHERE a = {a}",
                2 => $"UPDATE {table.Quoted} SET b = b || 'x' WHERE (a, b) IN (SELECT a, b FROM {table.Quoted} WHERE a = {a} LIMIT 1)",
                _ => $"DELETE FROM {table.Quoted} WHERE (a, b) IN (SELECT a, b FROM {table.Quoted} WHERE a = {a} LIMIT 1)",
            };
            await using var command = new NpgsqlCommand(sql, connection);
            try
            {
                await command.ExecuteNonQueryAsync(CancellationToken.None);
            }
            catch (PostgresException e) when (e.SqlState is "23505" or "40P01")
            {
                // Two writers picked the same key or deadlocked: the statement had no effect; go on.
            }
        }
    }

    private static async Task<Dictionary<(int, string), long>> ReadTableAsync(string connectionString, TableName table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand($"SELECT a, b, v FROM {table.Quoted}", connection);
        await using var reader = await command.ExecuteReaderAsync(Token);
        var rows = new Dictionary<(int, string), long>();
        while (await reader.ReadAsync(Token))
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1)), reader.GetInt64(2));
        }

        return rows;
    }
}
