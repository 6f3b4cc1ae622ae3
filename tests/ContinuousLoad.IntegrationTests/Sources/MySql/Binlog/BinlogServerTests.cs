using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Sources.MySql.Binlog;

namespace ContinuousLoad.IntegrationTests.Sources.MySql.Binlog;

/// <summary>
/// The change stream against a MariaDB of each test's own, for what the shared server must not see:
/// a restart, purged binlogs, a global binlog format other than ROW.
/// </summary>
public sealed class BinlogServerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 240_000)]
    public async Task A_stream_cut_by_a_server_restart_resumes_from_its_last_commit_with_no_gap_and_no_duplicate()
    {
        await using var server = await PrivateMariaDbServer.StartAsync(Token);
        BinlogPosition start;
        await using (var admin = await server.Admin.OpenAsync(Token))
        {
            await admin.ExecuteAsync("CREATE DATABASE restart_db", Token);
            await admin.ExecuteAsync("CREATE TABLE restart_db.t (id INT PRIMARY KEY)", Token);
            start = await BinlogStreams.EndAsync(admin, Token);
            for (var id = 1; id <= 5; id++)
            {
                await admin.ExecuteAsync($"INSERT INTO restart_db.t VALUES ({id})", Token);
            }
        }

        var options = BinlogStreams.Options(server.Replication, "restart_db");
        var delivered = new List<string>();
        var lost = await Assert.ThrowsAsync<BinlogConnectionLostException>(() => ConsumeCommittedAsync(options, BinlogStart.At(start), delivered, 5, async () =>
        {
            await server.RestartAsync(Token);
            await Task.Delay(100, Token);
        }));
        Assert.Equal(start.FileName, lost.ResumeFrom!.Position!.FileName);

        await using (var admin = await server.Admin.OpenAsync(Token))
        {
            for (var id = 6; id <= 10; id++)
            {
                await admin.ExecuteAsync($"INSERT INTO restart_db.t VALUES ({id})", Token);
            }
        }

        await ConsumeCommittedAsync(options, lost.ResumeFrom, delivered, 10, () => Task.CompletedTask);

        Assert.Equal(Enumerable.Range(1, 10).Select(id => "I" + id), delivered);
    }

    [Fact(Timeout = 240_000)]
    public async Task A_purged_start_gives_the_position_purged_error()
    {
        await using var server = await PrivateMariaDbServer.StartAsync(Token);
        BinlogPosition start;
        string gtidState;
        await using (var admin = await server.Admin.OpenAsync(Token))
        {
            await admin.ExecuteAsync("CREATE DATABASE purge_db", Token);
            await admin.ExecuteAsync("CREATE TABLE purge_db.t (id INT PRIMARY KEY)", Token);
            await admin.ExecuteAsync("INSERT INTO purge_db.t VALUES (1)", Token);
            start = await BinlogStreams.EndAsync(admin, Token);
            gtidState = (string)(await admin.QueryRowsAsync("SELECT @@gtid_binlog_pos", Token)).Single()[0]!;
            await admin.ExecuteAsync("INSERT INTO purge_db.t VALUES (2)", Token);
            await admin.ExecuteAsync("FLUSH BINARY LOGS", Token);
            await admin.ExecuteAsync("INSERT INTO purge_db.t VALUES (3)", Token);
            var current = await BinlogStreams.EndAsync(admin, Token);
            await admin.ExecuteAsync($"PURGE BINARY LOGS TO '{current.FileName}'", Token);
        }

        var options = BinlogStreams.Options(server.Replication, "purge_db") with { NonBlocking = true };
        var byPosition = await Assert.ThrowsAsync<BinlogPositionPurgedException>(() => BinlogStreams.ReadAsync(options, BinlogStart.At(start), start, Token));
        var byGtid = await Assert.ThrowsAsync<BinlogPositionPurgedException>(() => BinlogStreams.ReadAsync(options, BinlogStart.AfterGtids(gtidState), start, Token));

        Assert.Contains(start.ToString(), byPosition.Message, StringComparison.Ordinal);
        Assert.Contains("take a new snapshot", byPosition.Message, StringComparison.Ordinal);
        Assert.Equal(1236, Assert.IsType<MySqlServerException>(byPosition.InnerException).ErrorCode);
        Assert.Contains(gtidState, byGtid.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 240_000)]
    public async Task A_binlog_not_in_row_format_or_without_full_images_is_refused_with_the_fix()
    {
        await using var server = await PrivateMariaDbServer.StartAsync(Token);
        await using var admin = await server.Admin.OpenAsync(Token);
        var start = await BinlogStreams.EndAsync(admin, Token);
        var options = BinlogStreams.Options(server.Replication, "any") with { NonBlocking = true };

        await admin.ExecuteAsync("SET GLOBAL binlog_format = 'STATEMENT'", Token);
        var statement = await Assert.ThrowsAsync<MySqlSourceException>(() => BinlogStreams.ReadAsync(options, BinlogStart.At(start), start, Token));
        await admin.ExecuteAsync("SET GLOBAL binlog_format = 'ROW'", Token);
        await admin.ExecuteAsync("SET GLOBAL binlog_row_image = 'MINIMAL'", Token);
        var minimal = await Assert.ThrowsAsync<MySqlSourceException>(() => BinlogStreams.ReadAsync(options, BinlogStart.At(start), start, Token));

        Assert.Contains("binlog_format is STATEMENT", statement.Message, StringComparison.Ordinal);
        Assert.Contains("binlog_format = 'ROW'", statement.Message, StringComparison.Ordinal);
        Assert.Contains("binlog_row_image is MINIMAL", minimal.Message, StringComparison.Ordinal);
    }

    // Reads until `count` rows arrived in committed transactions; a transaction cut by a lost connection is dropped, as a consumer must.
    private static async Task ConsumeCommittedAsync(BinlogStreamOptions options, BinlogStart start, List<string> delivered, int count, Func<Task> whenReached)
    {
        var open = new List<string>();
        var reached = false;
        await foreach (var change in new BinlogClient(options).StreamAsync(start, Token))
        {
            open.AddRange(BinlogStreams.RowKeys([change]));
            if (change is TransactionCommit<BinlogPoint>)
            {
                delivered.AddRange(open);
                open.Clear();
            }

            if (delivered.Count >= count && !reached)
            {
                reached = true;
                await whenReached();
                if (count == 10)
                {
                    return;
                }
            }
        }
    }
}
