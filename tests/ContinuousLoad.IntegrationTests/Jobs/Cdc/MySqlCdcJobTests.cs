using System.Globalization;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.IntegrationTests.Sources.MySql;
using ContinuousLoad.IntegrationTests.Sources.MySql.Binlog;
using ContinuousLoad.Sources.MySql;

namespace ContinuousLoad.IntegrationTests.Jobs.Cdc;

/// <summary>
/// <c>cdc_stream("type" = "mysql", ...)</c> jobs end to end against MariaDB with a ROW binlog, into each table
/// store: the target kept equal to the source (after the job's SELECT and WHERE) while writers insert, update,
/// change keys and delete during the snapshot and after it; <c>offset = snapshot</c> finishing; <c>latest</c>
/// skipping what was there; a table without a primary key refused.
/// </summary>
public sealed class MySqlCdcJobTests(MariaDbServer mariadb, PostgresServer postgres, AzuriteServer azurite)
{
    private const string Items = "SELECT id, v, n, version FROM items ORDER BY id";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory(Timeout = 240_000)]
    [MemberData(nameof(ChangeLoadTarget.Stores), MemberType = typeof(ChangeLoadTarget))]
    public async Task The_target_follows_the_source_through_snapshot_and_changes_written_meanwhile(string store)
    {
        await using var source = await TestDatabase.CreateAsync(mariadb, Token);
        await source.Admin.ExecuteAsync("""
            CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(100), n INT NOT NULL, version INT NOT NULL DEFAULT 0, price DECIMAL(12,3), at DATETIME(6),
              ts TIMESTAMP(3) NULL, dur TIME, raw VARBINARY(40), doc JSON, color ENUM('red','green'), tags SET('a','b','c'), flag TINYINT(1), yr YEAR,
              big BIGINT UNSIGNED, ratio DOUBLE, note TEXT)
            """, Token);
        await source.Admin.ExecuteAsync("""
            INSERT INTO t (id, v, n, price, at, ts, dur, raw, doc, color, tags, flag, yr, big, ratio, note)
            SELECT seq, CONCAT('row ', seq), CAST(seq AS SIGNED) % 7 - 1, seq / 8, TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq * 1500000 MICROSECOND,
              '2024-01-01 00:00:00' + INTERVAL seq MINUTE, SEC_TO_TIME(seq * 37), UNHEX(MD5(seq)), JSON_OBJECT('k', seq, 'a', JSON_ARRAY(seq, 'x')),
              IF(seq % 2 = 0, 'red', 'green'), IF(seq % 3 = 0, 'a,c', 'b'), seq % 2, 1901 + seq % 254, seq * 1000000007, seq / 7, REPEAT(MD5(seq), 4)
            FROM seq_1_to_3000
            """, Token);
        await using var target = await CdcJobTarget.StartAsync(store, postgres, azurite);
        await target.Sql.RunAsync(TypedItems("items"));

        // The writer runs from before the job starts until its snapshot is done, so changes meet every range.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var writing = WriteAsync(source.Name, stop.Token);
        await target.Sql.RunAsync($"""
            CREATE JOB my_items PROPERTIES ("max_interval" = "1") ON STREAMING
            DO INSERT INTO {target.Database}.items SELECT {TypedSelect} FROM {CdcStream(source.Name, "t", "initial", """, "snapshot_split_size" = "100" """)}
            WHERE n >= 0
            """);
        await target.Sql.WaitUntilAsync(async () => await target.Sql.ScalarAsync("SELECT CurrentOffset FROM jobs(\"type\"=\"insert\") WHERE Name = 'my_items'") is { } offset
                                                    && offset.Contains("binlog-split", StringComparison.Ordinal), "the snapshot to finish", seconds: 120);
        await stop.CancelAsync();
        var writes = await writing;

        await target.Sql.UntilEqualAsync(Items, () => SourceRowsAsync(source.Name));
        Assert.True(writes > 10, $"only {writes} writes ran while the job started and snapshotted");
        var job = (await target.Sql.RunAsync("SELECT Status, ExecuteSql, ErrorMsg, CurrentOffset FROM jobs(\"type\"=\"insert\") WHERE Name = 'my_items'")).Single();
        Assert.Equal(("RUNNING", null), (JobSql.Text(job[0]), JobSql.Text(job[2])));
        Assert.Contains("\"password\" = \"*XXX\"", JobSql.Text(job[1]), StringComparison.Ordinal);
        Assert.Matches("""^\{"splitId":"binlog-split","file":"[^"]+","pos":"\d+"\}$""", JobSql.Text(job[3]));
        // The rows can be in before the task that wrote them is recorded as finished: wait for the record, then check it.
        const string Tasks = "SELECT Status, RunningOffset FROM tasks(\"type\"=\"insert\") WHERE JobName = 'my_items'";
        await target.Sql.WaitUntilAsync(async () => (await target.Sql.RunAsync(Tasks)).All(t => JobSql.Text(t[0]) != "RUNNING"), "the last task to be recorded");
        var tasks = await target.Sql.RunAsync(Tasks);
        Assert.Contains(tasks, t => JobSql.Text(t[1])!.Contains("snapshot-split", StringComparison.Ordinal));
        Assert.All(tasks, t => Assert.Equal("SUCCESS", JobSql.Text(t[0])));

        await source.Admin.ExecuteAsync("UPDATE t SET id = id + 100000, version = version + 1 WHERE id BETWEEN 10 AND 19", Token);
        await source.Admin.ExecuteAsync("DELETE FROM t WHERE id BETWEEN 20 AND 29", Token);
        await target.Sql.UntilEqualAsync(Items, () => SourceRowsAsync(source.Name));

        // Every type, compared whole: a snapshot of the source as it is now, loaded by a second job, holds what the first built change by change.
        await target.Sql.RunAsync(TypedItems("items_check"));
        await target.Sql.RunAsync($"""
            CREATE JOB my_check PROPERTIES ("max_interval" = "1") ON STREAMING
            DO INSERT INTO {target.Database}.items_check SELECT {TypedSelect} FROM {CdcStream(source.Name, "t", "snapshot")} WHERE n >= 0
            """);
        await target.Sql.WaitUntilAsync(async () => await target.Sql.ScalarAsync("SELECT Status FROM jobs(\"type\"=\"insert\") WHERE Name = 'my_check'") == "FINISHED",
            "the check");
        Assert.Equal(await target.Sql.PagedRowsAsync("SELECT * FROM items_check ORDER BY id"), await target.Sql.PagedRowsAsync("SELECT * FROM items ORDER BY id"));
        await target.Sql.RunAsync("DROP JOB WHERE jobName = 'my_check'");
        await target.Sql.RunAsync("DROP JOB WHERE jobName = 'my_items'");
    }

    [Fact(Timeout = 120_000)]
    public async Task Offset_snapshot_loads_the_table_once_and_finishes()
    {
        await using var source = await TestDatabase.CreateAsync(mariadb, Token);
        await source.Admin.ExecuteAsync("CREATE TABLE t (id BIGINT PRIMARY KEY, v TEXT)", Token);
        await source.Admin.ExecuteAsync("INSERT INTO t SELECT seq, CONCAT('v', seq) FROM seq_1_to_1000", Token);
        await using var target = await CdcJobTarget.StartAsync("sqlite", postgres, azurite);
        await target.Sql.RunAsync("CREATE TABLE items (id BIGINT, v STRING) UNIQUE KEY(id)");

        await target.Sql.RunAsync($"""
            CREATE JOB my_once PROPERTIES ("max_interval" = "1") ON STREAMING
            DO INSERT INTO {target.Database}.items SELECT * FROM {CdcStream(source.Name, "t", "snapshot", """, "snapshot_split_size" = "300" """)}
            """);
        await target.Sql.WaitUntilAsync(async () => await target.Sql.ScalarAsync("SELECT Status FROM jobs(\"type\"=\"insert\") WHERE Name = 'my_once'") == "FINISHED",
            "the job to finish");

        Assert.Equal(1000, await target.Sql.CountAsync("items"));
        Assert.Equal(4, (await target.Sql.RunAsync("SELECT TaskId FROM tasks(\"type\"=\"insert\") WHERE JobName = 'my_once'")).Count);
        await target.Sql.RunAsync("DROP JOB WHERE jobName = 'my_once'");
    }

    [Fact(Timeout = 120_000)]
    public async Task Offset_latest_loads_only_what_changes_after_the_job_starts_and_a_table_without_a_key_is_refused()
    {
        await using var source = await TestDatabase.CreateAsync(mariadb, Token);
        await source.Admin.ExecuteAsync("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))", Token);
        await source.Admin.ExecuteAsync("CREATE TABLE nokey (id INT, v VARCHAR(10))", Token);
        await source.Admin.ExecuteAsync("INSERT INTO t VALUES (1, 'old'), (2, 'old')", Token);
        await using var target = await CdcJobTarget.StartAsync("sqlite", postgres, azurite);
        await target.Sql.RunAsync("CREATE TABLE items (id INT, v STRING) UNIQUE KEY(id)");

        Assert.Contains($"Source table {source.Name}.nokey has no primary key", await target.Sql.FailAsync(
            $"CREATE JOB my_nokey ON STREAMING DO INSERT INTO {target.Database}.items SELECT * FROM {CdcStream(source.Name, "nokey", "initial")}"), StringComparison.Ordinal);
        await target.Sql.RunAsync($"""
            CREATE JOB my_new PROPERTIES ("max_interval" = "1") ON STREAMING
            DO INSERT INTO {target.Database}.items SELECT * FROM {CdcStream(source.Name, "t", "latest")}
            """);
        await target.Sql.WaitUntilAsync(async () => (await target.Sql.ScalarAsync("SELECT JobRuntimeMsg FROM jobs(\"type\"=\"insert\") WHERE Name = 'my_new'"))!
            .StartsWith("No new data", StringComparison.Ordinal), "the job to start reading");
        await source.Admin.ExecuteAsync("INSERT INTO t VALUES (3, 'new')", Token);
        await source.Admin.ExecuteAsync("UPDATE t SET v = 'changed' WHERE id = 1", Token);

        await target.Sql.WaitUntilAsync(async () => await target.Sql.CountAsync("items") == 2, "the changes");
        Assert.Equal("1,changed|3,new", await StreamingJobTests.Rows(target.Sql, "SELECT id, v FROM items ORDER BY id"));

        // ALTER moves a paused job to a binlog position: what came before it is not loaded.
        await target.Sql.RunAsync("PAUSE JOB WHERE jobName = 'my_new'");
        await source.Admin.ExecuteAsync("INSERT INTO t VALUES (4, 'skipped')", Token);
        var moved = await BinlogStreams.EndAsync(source.Admin, Token);
        await source.Admin.ExecuteAsync("INSERT INTO t VALUES (5, 'moved')", Token);
        await target.Sql.RunAsync($"ALTER JOB my_new PROPERTIES ('offset' = '{{\"file\":\"{moved.FileName}\",\"pos\":\"{moved.Position}\"}}')");
        await target.Sql.RunAsync("RESUME JOB WHERE jobName = 'my_new'");
        await target.Sql.WaitUntilAsync(async () => await target.Sql.CountAsync("items") == 3, "the change after the new offset");
        Assert.Equal("1,changed|3,new|5,moved", await StreamingJobTests.Rows(target.Sql, "SELECT id, v FROM items ORDER BY id"));
        await target.Sql.RunAsync("DROP JOB WHERE jobName = 'my_new'");
    }

    /// <summary>The job's SELECT over every mapped type (B.7), and the UNIQUE KEY table it loads.</summary>
    private const string TypedSelect = "id, upper(v), n, version, price, at, ts, dur, raw, doc, color, tags, flag, yr, big, ratio, note";

    private static string TypedItems(string name) => $"""
        CREATE TABLE {name} (id INT, v STRING, n INT, version INT, price DECIMAL(12, 3), at DATETIME(6), ts DATETIME(3), dur STRING, raw STRING, doc JSON,
          color STRING, tags STRING, flag TINYINT, yr SMALLINT, big LARGEINT, ratio DOUBLE, note STRING) UNIQUE KEY(id)
        """;

    private string CdcStream(string database, string table, string offset, string extra = "")
    {
        var account = mariadb.Replication;
        return $"""
            cdc_stream("type" = "mysql", "jdbc_url" = "jdbc:mysql://{account.Host}:{account.Port}", "user" = "{account.User}", "password" = "{account.Password}",
              "database" = "{database}", "table" = "{table}", "offset" = "{offset}"{extra})
            """;
    }

    /// <summary>Inserts, updates (counting versions), key changes and deletes, one small transaction at a time, until stopped.</summary>
    private async Task<int> WriteAsync(string database, CancellationToken stop)
    {
        await using var session = await MySqlSession.OpenAsync(mariadb.Admin.Options(database), CancellationToken.None);
        var random = new Random(17);
        var writes = 0;
        while (!stop.IsCancellationRequested)
        {
            var id = random.Next(1, 3200);
            var sql = (writes % 5) switch
            {
                0 => $"INSERT IGNORE INTO t (id, v, n) VALUES ({id + 10000}, 'new {id}', {id % 5})",
                1 => $"DELETE FROM t WHERE id = {id}",
                2 => $"UPDATE IGNORE t SET id = {id + 20000}, version = version + 1 WHERE id = {id}",
                3 => $"UPDATE t SET n = -1, version = version + 1 WHERE id = {id}",
                _ => $"UPDATE t SET v = CONCAT(v, '+'), n = ABS(n), version = version + 1, price = price + 0.001, at = at + INTERVAL 1 SECOND, flag = 1 - flag, " +
                     $"raw = CONCAT(raw, X'01'), doc = JSON_SET(doc, '$.k', version + 1), tags = 'a', ts = ts + INTERVAL 1 SECOND WHERE id BETWEEN {id} AND {id + 3}",
            };
            await session.ExecuteAsync(sql, CancellationToken.None);
            writes++;
            await Task.Delay(10, CancellationToken.None);
        }

        return writes;
    }

    private async Task<List<string>> SourceRowsAsync(string database)
    {
        await using var session = await MySqlSession.OpenAsync(mariadb.Admin.Options(database), Token);
        var rows = await session.QueryRowsAsync("SELECT id, upper(v), n, version FROM t WHERE n >= 0 ORDER BY id", Token);
        return [.. rows.Select(r => string.Join(",", r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))))];
    }
}
