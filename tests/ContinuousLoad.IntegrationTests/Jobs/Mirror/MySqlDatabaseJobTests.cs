using System.Globalization;
using ContinuousLoad.IntegrationTests.Jobs.Cdc;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.IntegrationTests.Sources.MySql;
using ContinuousLoad.Sources.MySql;

namespace ContinuousLoad.IntegrationTests.Jobs.Mirror;

/// <summary>
/// <c>FROM MYSQL (...) TO DATABASE</c> jobs against MariaDB, into each table store: the job creates the target tables
/// (spec B.7), snapshots twenty tables of different keys while transactions that span them run, and keeps every
/// target equal to its source; excluded tables and columns stay out, a renamed target is used.
/// </summary>
public sealed class MySqlDatabaseJobTests(MariaDbServer mariadb, PostgresServer postgres, AzuriteServer azurite)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory(Timeout = 300_000)]
    [MemberData(nameof(ChangeLoadTarget.Stores), MemberType = typeof(ChangeLoadTarget))]
    public async Task Every_table_follows_its_source_through_snapshot_and_transactions_that_span_tables(string store)
    {
        await using var source = await TestDatabase.CreateAsync(mariadb, Token);
        for (var table = 1; table <= MirroredTables.Count; table++)
        {
            await source.Admin.ExecuteAsync($"""
                CREATE TABLE {MirroredTables.Name(table)} (id INT NOT NULL, code VARCHAR(20) NOT NULL, v VARCHAR(50), n INT, version INT NOT NULL DEFAULT 0,
                  PRIMARY KEY ({MirroredTables.KeyOf(table)})) COMMENT 'table {table}'
                """, Token);
            await source.Admin.ExecuteAsync($"INSERT INTO {MirroredTables.Name(table)} (id, code, v, n) SELECT seq, CONCAT('c', seq), CONCAT('row ', seq), seq % 9 FROM seq_1_to_{300 + (table * 20)}", Token);
        }

        await source.Admin.ExecuteAsync("CREATE TABLE skipped (id INT PRIMARY KEY)", Token);
        await source.Admin.ExecuteAsync("CREATE TABLE nokey (id INT, v INT)", Token);
        // Every type of B.7's MySQL list, for the DDL the job creates.
        await source.Admin.ExecuteAsync("""
            CREATE TABLE types (k VARCHAR(8) NOT NULL, b1 TINYINT(1), ti TINYINT, tu TINYINT UNSIGNED, si SMALLINT, su SMALLINT UNSIGNED, mi MEDIUMINT,
              i INT NOT NULL, iu INT UNSIGNED, bi BIGINT, bu BIGINT UNSIGNED, yr YEAR, f FLOAT, d DOUBLE, dec1 DECIMAL(12,3), dec2 DECIMAL(60,10), dt DATE,
              dtm DATETIME(6), ts TIMESTAMP(3) NULL, tm TIME, c CHAR(10), vc VARCHAR(30000) CHARACTER SET latin1, tx TEXT, bn BINARY(4), vb VARBINARY(40), bl BLOB, bit1 BIT(1),
              bit8 BIT(8), js JSON, en ENUM('a','b'), st SET('a','b'), PRIMARY KEY (k, i))
            """, Token);
        await source.Admin.ExecuteAsync("INSERT INTO skipped VALUES (1)", Token);
        await using var target = await CdcJobTarget.StartAsync(store, postgres, azurite);

        Assert.EndsWith("Source tables without a primary key cannot be synchronized (a database-level job upserts and deletes by key): nokey. " +
                        "Add a primary key, or leave them out with exclude_tables", await target.Sql.FailAsync(Create("my_keyless", source.Name, target.Database, "")),
            StringComparison.Ordinal);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var writing = WriteAsync(source.Name, stop.Token);
        await target.Sql.RunAsync(Create("my_mirror", source.Name, target.Database, """
            , "exclude_tables" = "skipped,nokey", "snapshot_split_size" = "150", "table.t01.exclude_columns" = "v", "table.t20.target_table" = "renamed"
            """));
        await target.Sql.WaitUntilAsync(async () => await target.Sql.ScalarAsync("SELECT CurrentOffset FROM jobs(\"type\"=\"insert\") WHERE Name = 'my_mirror'") is { } offset
                                                    && offset.Contains("binlog-split", StringComparison.Ordinal), "the snapshot to finish", seconds: 180);
        await stop.CancelAsync();
        var writes = await writing;
        Assert.True(writes > 20, $"only {writes} transactions ran while the job snapshotted");

        for (var table = 1; table <= MirroredTables.Count; table++)
        {
            var (columns, into) = MirroredTables.Compared(table);
            await target.Sql.UntilEqualAsync($"SELECT {columns} FROM {into} ORDER BY id, code", () => SourceRowsAsync(source.Name, $"SELECT {columns} FROM {MirroredTables.Name(table)} ORDER BY id, code"));
        }

        await MirroredTables.AssertTargetsAsync(target.Sql, "my_mirror");
        Assert.Equal(
            "`k` varchar(24) NOT NULL,`i` int NOT NULL,`b1` tinyint NULL,`ti` tinyint NULL,`tu` smallint NULL,`si` smallint NULL,`su` int NULL,`mi` int NULL," +
            "`iu` bigint NULL,`bi` bigint NULL,`bu` largeint NULL,`yr` smallint NULL,`f` float NULL,`d` double NULL,`dec1` decimal(12,3) NULL,`dec2` text NULL," +
            "`dt` date NULL,`dtm` datetime(6) NULL,`ts` datetime(3) NULL,`tm` text NULL,`c` char(30) NULL,`vc` text NULL,`tx` text NULL,`bn` text NULL," +
            "`vb` text NULL,`bl` text NULL,`bit1` boolean NULL,`bit8` text NULL,`js` text NULL,`en` text NULL,`st` text NULL",
            await MirroredTables.ColumnsAsync(target.Sql, "types"));
        var ddl = await MirroredTables.CreateTableAsync(target.Sql, "t03");
        Assert.Contains("`v` varchar(150) NULL", ddl, StringComparison.Ordinal);

        var job = (await target.Sql.RunAsync("SELECT Status, ExecuteSql, ErrorMsg FROM jobs(\"type\"=\"insert\") WHERE Name = 'my_mirror'")).Single();
        Assert.Equal(("RUNNING", null), (JobSql.Text(job[0]), JobSql.Text(job[2])));
        Assert.Contains("\"password\" = \"*XXX\"", JobSql.Text(job[1]), StringComparison.Ordinal);
        await target.Sql.RunAsync("DROP JOB WHERE jobName = 'my_mirror'");
    }

    [Fact(Timeout = 180_000)]
    public async Task Columns_added_and_dropped_at_the_source_reach_the_target_a_type_change_is_reported_and_a_new_table_appears()
    {
        await using var source = await TestDatabase.CreateAsync(mariadb, Token);
        await source.Admin.ExecuteAsync("CREATE TABLE a (id INT PRIMARY KEY, v VARCHAR(10))", Token);
        await source.Admin.ExecuteAsync("CREATE TABLE b (id INT PRIMARY KEY, v VARCHAR(10))", Token);
        await source.Admin.ExecuteAsync("INSERT INTO a VALUES (1, 'one')", Token);
        await using var target = await CdcJobTarget.StartAsync("sqlite", postgres, azurite,
            new Dictionary<string, string?> { ["ContinuousLoad:Jobs:SourceSchemaCheckIntervalSecond"] = "1" });
        await target.Sql.RunAsync(Create("my_ddl", source.Name, target.Database, ", \"exclude_tables\" = \"skipped\""));
        await target.Sql.WaitUntilAsync(async () => await target.Sql.ScalarAsync("SELECT CurrentOffset FROM jobs(\"type\"=\"insert\") WHERE Name = 'my_ddl'") is { } offset
                                                    && offset.Contains("binlog-split", StringComparison.Ordinal), "the snapshot to finish");
        // Both tables are small: one snapshot task read them both (a task that leaves the snapshot unfinished shows its split).
        Assert.DoesNotContain((await target.Sql.RunAsync("SELECT RunningOffset FROM tasks(\"type\"=\"insert\") WHERE JobName = 'my_ddl'")).Select(r => JobSql.Text(r[0])),
            offset => offset?.Contains("snapshot-split", StringComparison.Ordinal) == true);

        // One task holds the rows before the ADD, the rows after it, and rows of another table between them.
        await target.Sql.RunAsync("PAUSE JOB WHERE jobName = 'my_ddl'");
        await source.Admin.ExecuteAsync("INSERT INTO a VALUES (2, 'before')", Token);
        await source.Admin.ExecuteAsync("ALTER TABLE a ADD COLUMN qty DECIMAL(8,2) COMMENT 'how many'", Token);
        await source.Admin.ExecuteAsync("INSERT INTO b VALUES (1, 'b')", Token);
        await source.Admin.ExecuteAsync("INSERT INTO a VALUES (3, 'after', 4.5)", Token);
        await source.Admin.ExecuteAsync("UPDATE a SET qty = 1.25 WHERE id = 1", Token);
        await target.Sql.RunAsync("RESUME JOB WHERE jobName = 'my_ddl'");
        await target.Sql.WaitUntilAsync(async () => (await MirroredTables.CreateTableAsync(target.Sql, "a")).Contains("`qty`", StringComparison.Ordinal),
            "the new column");

        await target.Sql.UntilEqualAsync("SELECT id, v, qty FROM a ORDER BY id", () => SourceRowsAsync(source.Name, "SELECT id, v, qty FROM a ORDER BY id"));
        await target.Sql.UntilEqualAsync("SELECT id, v FROM b ORDER BY id", () => SourceRowsAsync(source.Name, "SELECT id, v FROM b ORDER BY id"));
        var ddl = await MirroredTables.CreateTableAsync(target.Sql, "a");
        Assert.True(ddl.Contains("`qty` decimal(8,2) NULL COMMENT \"how many\"", StringComparison.Ordinal), ddl);

        // A dropped column leaves the target. (Without binlog_row_metadata=FULL, as here, rows written before the drop cannot be read after it;
        // the job has read them.)
        await source.Admin.ExecuteAsync("ALTER TABLE b DROP COLUMN v", Token);
        await source.Admin.ExecuteAsync("INSERT INTO b VALUES (2)", Token);
        await target.Sql.WaitUntilAsync(async () => !(await MirroredTables.CreateTableAsync(target.Sql, "b")).Contains("`v`", StringComparison.Ordinal),
            "the dropped column to leave the target");
        await target.Sql.UntilEqualAsync("SELECT id FROM b ORDER BY id", () => SourceRowsAsync(source.Name, "SELECT id FROM b ORDER BY id"));

        // A type change is not applied, and is said.
        await source.Admin.ExecuteAsync("ALTER TABLE a MODIFY qty DECIMAL(12,2) COMMENT 'how many'", Token);
        await source.Admin.ExecuteAsync("INSERT INTO a VALUES (4, 'typed', 2)", Token);
        await target.Sql.WaitUntilAsync(async () => (await target.Sql.ScalarAsync("SELECT JobRuntimeMsg FROM jobs(\"type\"=\"insert\")"))!
            .Contains("Source table a changed what a job does not propagate: column qty is now decimal(12,2) (target: decimal(8,2))", StringComparison.Ordinal),
            "the type change to be reported");
        await target.Sql.UntilEqualAsync("SELECT id, v, qty FROM a ORDER BY id", () => SourceRowsAsync(source.Name, "SELECT id, v, qty FROM a ORDER BY id"));

        // A table created at the source after the job started is created in the target and followed; an excluded one is not.
        await source.Admin.ExecuteAsync("CREATE TABLE c (id BIGINT PRIMARY KEY, label VARCHAR(5) COMMENT 'new') COMMENT 'later'", Token);
        await source.Admin.ExecuteAsync("CREATE TABLE skipped (id INT PRIMARY KEY)", Token);
        await source.Admin.ExecuteAsync("INSERT INTO skipped VALUES (1)", Token);
        await source.Admin.ExecuteAsync("INSERT INTO c VALUES (1, 'x'), (2, 'y')", Token);
        await source.Admin.ExecuteAsync("UPDATE c SET label = 'z' WHERE id = 2", Token);
        await target.Sql.WaitUntilAsync(async () => (await target.Sql.RunAsync("SHOW TABLES")).Any(r => JobSql.Text(r[0]) == "c"), "the new table");
        await target.Sql.UntilEqualAsync("SELECT id, label FROM c ORDER BY id", () => SourceRowsAsync(source.Name, "SELECT id, label FROM c ORDER BY id"));
        Assert.Contains("COMMENT 'later'", await MirroredTables.CreateTableAsync(target.Sql, "c"), StringComparison.Ordinal);
        Assert.DoesNotContain("skipped", (await target.Sql.RunAsync("SHOW TABLES")).Select(r => JobSql.Text(r[0])));
        Assert.Equal("RUNNING", await target.Sql.ScalarAsync("SELECT Status FROM jobs(\"type\"=\"insert\") WHERE Name = 'my_ddl'"));
        await target.Sql.RunAsync("DROP JOB WHERE jobName = 'my_ddl'");
    }

    [Fact(Timeout = 120_000)]
    public async Task Too_many_filtered_rows_over_the_window_pause_the_job_for_a_person()
    {
        await using var source = await TestDatabase.CreateAsync(mariadb, Token);
        await source.Admin.ExecuteAsync("CREATE TABLE a (id INT PRIMARY KEY, v VARCHAR(10))", Token);
        await source.Admin.ExecuteAsync("INSERT INTO a SELECT seq, IF(seq % 2 = 0, 'too long', 'ok') FROM seq_1_to_10", Token);
        await using var target = await CdcJobTarget.StartAsync("sqlite", postgres, azurite);
        // An existing target is used as it is: here its column is too short for half the rows.
        await target.Sql.RunAsync("CREATE TABLE a (id INT, v VARCHAR(3)) UNIQUE KEY(id)");
        var account = mariadb.Replication;
        await target.Sql.RunAsync($"""
            CREATE JOB my_filter PROPERTIES ("max_interval" = "1") ON STREAMING
            FROM MYSQL ("jdbc_url" = "jdbc:mysql://{account.Host}:{account.Port}", "user" = "{account.User}", "password" = "{account.Password}",
              "database" = "{source.Name}", "offset" = "initial")
            TO DATABASE {target.Database} ("load.strict_mode" = "true", "load.max_filter_ratio" = "0.1")
            """);

        await target.Sql.WaitUntilAsync(async () => await target.Sql.ScalarAsync("SELECT Status FROM jobs(\"type\"=\"insert\") WHERE Name = 'my_filter'") == "PAUSED",
            "the job to pause");
        var error = await target.Sql.ScalarAsync("SELECT ErrorMsg FROM jobs(\"type\"=\"insert\") WHERE Name = 'my_filter'");
        Assert.Contains("TOO_MANY_FAILURE_ROWS_ERR", error, StringComparison.Ordinal);
        Assert.Contains("0.5 of the rows of the last 10 seconds were filtered, more than load.max_filter_ratio = 0.1", error, StringComparison.Ordinal);
        Assert.Equal("1,ok|3,ok|5,ok|7,ok|9,ok", await StreamingJobTests.Rows(target.Sql, "SELECT id, v FROM a ORDER BY id"));
        await Task.Delay(3000, Token);
        Assert.Equal("PAUSED", await target.Sql.ScalarAsync("SELECT Status FROM jobs(\"type\"=\"insert\") WHERE Name = 'my_filter'"));
        await target.Sql.RunAsync("DROP JOB WHERE jobName = 'my_filter'");
    }

    private string Create(string job, string database, string into, string extra)
    {
        var account = mariadb.Replication;
        return $"""
            CREATE JOB {job} PROPERTIES ("max_interval" = "1") ON STREAMING
            FROM MYSQL ("jdbc_url" = "jdbc:mysql://{account.Host}:{account.Port}", "user" = "{account.User}", "password" = "{account.Password}",
              "database" = "{database}", "offset" = "initial"{extra})
            TO DATABASE {into} ("table.create.properties.replication_num" = "1")
            """;
    }

    /// <summary>
    /// Transactions of one to four statements over random tables — inserts, updates (counting versions), key changes and
    /// deletes — until stopped.
    /// </summary>
    private async Task<int> WriteAsync(string database, CancellationToken stop)
    {
        await using var session = await MySqlSession.OpenAsync(mariadb.Admin.Options(database), CancellationToken.None);
        var random = new Random(23);
        var transactions = 0;
        while (!stop.IsCancellationRequested)
        {
            await session.ExecuteAsync("BEGIN", CancellationToken.None);
            for (var statement = random.Next(1, 5); statement > 0; statement--)
            {
                var table = MirroredTables.Name(random.Next(1, MirroredTables.Count + 1));
                var id = random.Next(1, 800);
                await session.ExecuteAsync((random.Next(5)) switch
                {
                    0 => $"INSERT IGNORE INTO {table} (id, code, v, n) VALUES ({id + 10000}, 'c{id + 10000}', 'new {id}', {id % 5})",
                    1 => $"DELETE FROM {table} WHERE id = {id}",
                    2 => $"UPDATE IGNORE {table} SET id = id + 20000, code = CONCAT('k', code), version = version + 1 WHERE id = {id}",
                    3 => $"UPDATE {table} SET n = n + 1, version = version + 1 WHERE id = {id}",
                    _ => $"UPDATE {table} SET v = CONCAT(v, '+'), version = version + 1 WHERE id BETWEEN {id} AND {id + 3}",
                }, CancellationToken.None);
            }

            await session.ExecuteAsync("COMMIT", CancellationToken.None);
            transactions++;
            await Task.Delay(5, CancellationToken.None);
        }

        return transactions;
    }

    private async Task<List<string>> SourceRowsAsync(string database, string query)
    {
        await using var session = await MySqlSession.OpenAsync(mariadb.Admin.Options(database), Token);
        var rows = await session.QueryRowsAsync(query, Token);
        return [.. rows.Select(r => string.Join(",", r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))))];
    }
}
