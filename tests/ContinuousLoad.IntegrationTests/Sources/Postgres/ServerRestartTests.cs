using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Changes;
using ContinuousLoad.Sources.Postgres.Streaming;
using Npgsql;

namespace ContinuousLoad.IntegrationTests.Sources.Postgres;

/// <summary>
/// The server restarts while the stream is being read and written to: the stream reconnects from the
/// acknowledged position by itself, and every committed row arrives exactly once — no gap, no duplicate —
/// although acknowledgements lag behind delivery (so the server sends some transactions again).
/// </summary>
public sealed class ServerRestartTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 180_000)]
    public async Task A_restart_mid_stream_loses_nothing_and_repeats_nothing()
    {
        await using var server = await PrivatePostgresServer.StartAsync("", Token);
        await using var scope = await PostgresScope.CreateAsync(server.ConnectionString, Token);
        var table = scope.Table();
        await scope.ExecuteAsync($"CREATE TABLE {table.Quoted} (id int PRIMARY KEY, v text)", Token);
        var source = scope.Source([table], new ChangeStreamOptions { StatusInterval = TimeSpan.FromMilliseconds(200), ReconnectFor = TimeSpan.FromSeconds(60) });
        await source.PrepareAsync(Token);
        Lsn start;
        await using (var snapshot = await source.CreateSlotAsync(Token))
        {
            start = snapshot.ConsistentPoint;
        }

        const int Rows = 600;
        var writer = Task.Run(() => WriteAsync(server.ConnectionString, table, Rows), Token);
        var stream = await source.OpenStreamAsync(Token);
        var seen = new List<int>();
        Task? restart = null;
        var commits = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        stop.CancelAfter(TimeSpan.FromSeconds(120));
        await foreach (var change in stream.ReadAsync(start, stop.Token))
        {
            if (change is TransactionBegin<PgPoint>)
            {
                // A transaction cut by the restart is sent again whole: drop what we had of it.
                seen.RemoveAll(id => id < 0);
            }
            else if (change is RowInserted<PgPoint> inserted)
            {
                seen.Add(-(int)inserted.Row["id"]!);
            }
            else if (change is TransactionCommit<PgPoint> commit)
            {
                for (var i = 0; i < seen.Count; i++)
                {
                    seen[i] = Math.Abs(seen[i]);
                }

                if (++commits % 3 == 0)
                {
                    stream.Acknowledge(commit.Position.Lsn);
                }

                if (commits == 100)
                {
                    restart = server.RestartAsync(Token);
                }

                if (seen.Contains(Rows))
                {
                    break;
                }
            }
        }

        await writer;
        Assert.NotNull(restart);
        await restart;
        Assert.Equal(Rows, seen.Count);
        Assert.Equal(Enumerable.Range(1, Rows), seen.Order());
    }

    /// <summary>One row per transaction; a statement cut by the restart is retried (ON CONFLICT keeps it single).</summary>
    private static async Task WriteAsync(string connectionString, TableName table, int rows)
    {
        var id = 1;
        while (id <= rows)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(Token);
                for (; id <= rows; id++)
                {
                    await using var command = new NpgsqlCommand($"INSERT INTO {table.Quoted} VALUES ({id}, 'row {id}') ON CONFLICT DO NOTHING", connection);
                    await command.ExecuteNonQueryAsync(Token);
                    await Task.Delay(id < 300 ? 0 : 5, Token);
                }
            }
            catch (Exception e) when (e is NpgsqlException or IOException)
            {
                await Task.Delay(200, Token);
            }
        }
    }
}
