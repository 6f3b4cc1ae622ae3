using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Sources.MySql.Binlog;

namespace ContinuousLoad.IntegrationTests.Sources.MySql.Binlog;

/// <summary>The change stream against the shared MariaDB: rotation, GTID starts, live changes, resuming.</summary>
public sealed class BinlogStreamTests(MariaDbServer mariadb)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 120_000)]
    public async Task The_stream_follows_flush_logs_into_the_next_files()
    {
        await using var database = await TestDatabase.CreateAsync(mariadb, Token);
        await database.Admin.ExecuteAsync("CREATE TABLE t (id INT PRIMARY KEY)", Token);
        var start = await BinlogStreams.EndAsync(database.Admin, Token);
        for (var id = 1; id <= 9; id++)
        {
            await database.Admin.ExecuteAsync($"INSERT INTO t VALUES ({id})", Token);
            if (id % 3 == 0)
            {
                await database.Admin.ExecuteAsync("FLUSH BINARY LOGS", Token);
            }
        }

        var stop = await BinlogStreams.EndAsync(database.Admin, Token);
        var changes = await BinlogStreams.ReadAsync(BinlogStreams.Options(mariadb.Replication, database.Name), BinlogStart.At(start), stop, Token);

        Assert.Equal(Enumerable.Range(1, 9).Select(id => "I" + id), BinlogStreams.RowKeys(changes));
        var files = changes.OfType<TransactionCommit<BinlogPoint>>().Select(commit => commit.Position.End.FileName).Distinct().ToList();
        Assert.True(files.Count >= 3, $"commits in {string.Join(", ", files)}");
        Assert.True(string.CompareOrdinal(start.FileName, stop.FileName) < 0);
        Assert.All(changes.OfType<RowInserted<BinlogPoint>>(), change => Assert.Matches(@"^\d+-\d+-\d+$", change.Position.Gtid));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_stream_from_a_gtid_state_starts_with_the_next_transaction()
    {
        await using var database = await TestDatabase.CreateAsync(mariadb, Token);
        await database.Admin.ExecuteAsync("CREATE TABLE t (id INT PRIMARY KEY, note VARCHAR(20))", Token);
        await database.Admin.ExecuteAsync("INSERT INTO t VALUES (1, 'before')", Token);
        var state = (string)(await database.Admin.QueryRowsAsync("SELECT @@gtid_binlog_pos", Token)).Single()[0]!;
        await database.Admin.ExecuteAsync("INSERT INTO t VALUES (2, 'after'), (3, 'after')", Token);
        await database.Admin.ExecuteAsync("UPDATE t SET note = 'changed' WHERE id = 1", Token);
        var stop = await BinlogStreams.EndAsync(database.Admin, Token);

        var client = new BinlogClient(BinlogStreams.Options(mariadb.Replication, database.Name) with { StopAt = stop });
        var changes = new List<SourceChange<BinlogPoint>>();
        await foreach (var change in client.StreamAsync(BinlogStart.AfterGtids(state), Token))
        {
            changes.Add(change);
        }

        Assert.Equal(["I2", "I3", "U1"], BinlogStreams.RowKeys(changes));
        var update = changes.OfType<RowUpdated<BinlogPoint>>().Single();
        Assert.Equal(("before", "changed"), (update.Before![1], update.After[1]));
        Assert.NotNull(client.ResumeFrom?.GtidState);
        Assert.Contains(changes.OfType<TransactionCommit<BinlogPoint>>().Last().Position.Gtid!, client.ResumeFrom!.GtidState!, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_waiting_stream_sends_heartbeats_and_then_the_changes_made_after_it_started()
    {
        await using var database = await TestDatabase.CreateAsync(mariadb, Token);
        await database.Admin.ExecuteAsync("CREATE TABLE t (id INT PRIMARY KEY)", Token);
        var start = await BinlogStreams.EndAsync(database.Admin, Token);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var heartbeats = 0;
        var keys = new List<string>();
        await foreach (var change in new BinlogClient(BinlogStreams.Options(mariadb.Replication, database.Name)).StreamAsync(BinlogStart.At(start), stop.Token))
        {
            if (change is BinlogHeartbeat && ++heartbeats == 1)
            {
                await database.Admin.ExecuteAsync("INSERT INTO t VALUES (1), (2)", Token);
                await database.Admin.ExecuteAsync("DELETE FROM t WHERE id = 1", Token);
            }

            keys.AddRange(BinlogStreams.RowKeys([change]));
            if (keys.Count == 3)
            {
                break;
            }
        }

        Assert.Equal(["I1", "I2", "D1"], keys);
        Assert.True(heartbeats >= 1);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_stream_resumed_from_the_last_commit_continues_without_gap_or_duplicate()
    {
        await using var database = await TestDatabase.CreateAsync(mariadb, Token);
        await database.Admin.ExecuteAsync("CREATE TABLE t (id INT PRIMARY KEY)", Token);
        var start = await BinlogStreams.EndAsync(database.Admin, Token);
        await database.Admin.ExecuteAsync("INSERT INTO t SELECT seq FROM seq_1_to_5", Token);
        var middle = await BinlogStreams.EndAsync(database.Admin, Token);
        await database.Admin.ExecuteAsync("INSERT INTO t SELECT seq FROM seq_6_to_10", Token);
        var stop = await BinlogStreams.EndAsync(database.Admin, Token);
        var options = BinlogStreams.Options(mariadb.Replication, database.Name);

        var first = new BinlogClient(options with { StopAt = middle });
        var firstPart = new List<SourceChange<BinlogPoint>>();
        await foreach (var change in first.StreamAsync(BinlogStart.At(start), Token))
        {
            firstPart.Add(change);
        }

        var secondPart = await BinlogStreams.ReadAsync(options, first.ResumeFrom!, stop, Token);

        Assert.Equal(Enumerable.Range(1, 10).Select(id => "I" + id), BinlogStreams.RowKeys(firstPart.Concat(secondPart)));
        Assert.Equal(firstPart.OfType<TransactionCommit<BinlogPoint>>().Last().Position.End, first.ResumeFrom!.Position);
    }

    [Fact(Timeout = 120_000)]
    public async Task Events_written_before_columns_were_added_decode_with_the_first_columns_and_a_dropped_column_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync(mariadb, Token);
        await database.Admin.ExecuteAsync("CREATE TABLE t (id INT UNSIGNED PRIMARY KEY, name VARCHAR(20))", Token);
        var start = await BinlogStreams.EndAsync(database.Admin, Token);
        await database.Admin.ExecuteAsync("INSERT INTO t VALUES (4000000000, 'before')", Token);
        await database.Admin.ExecuteAsync("ALTER TABLE t ADD COLUMN qty INT", Token);
        await database.Admin.ExecuteAsync("INSERT INTO t VALUES (2, 'after', 7)", Token);
        var stop = await BinlogStreams.EndAsync(database.Admin, Token);
        var options = BinlogStreams.Options(mariadb.Replication, database.Name);

        var rows = (await BinlogStreams.ReadAsync(options, BinlogStart.At(start), stop, Token)).OfType<RowInserted<BinlogPoint>>().ToList();

        Assert.Equal(["id", "name"], rows[0].Table.ColumnNames);
        Assert.Equal([4_000_000_000L, "before"], rows[0].Row.Values);
        Assert.Equal(["id", "name", "qty"], rows[1].Table.ColumnNames);
        Assert.Equal([2L, "after", 7L], rows[1].Row.Values);

        await database.Admin.ExecuteAsync("ALTER TABLE t DROP COLUMN name", Token);
        var error = await Assert.ThrowsAsync<MySqlSourceException>(() => BinlogStreams.ReadAsync(options, BinlogStart.At(start), stop, Token));
        Assert.Contains("binlog_row_metadata=FULL", error.Message, StringComparison.Ordinal);
    }
}
