using System.Globalization;
using ContinuousLoad.IntegrationTests.Jobs.Cdc;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.IntegrationTests.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Replication;
using Npgsql;

namespace ContinuousLoad.IntegrationTests.Jobs.Mirror;

/// <summary>
/// <c>FROM POSTGRES (...) TO DATABASE</c> jobs against a real PostgreSQL, into each table store: the job creates the
/// target tables (spec B.7) with a publication that names them, snapshots twenty tables of different keys while
/// transactions that span them run, and keeps every target equal to its source; DROP removes its slot and publication.
/// </summary>
public sealed class PostgresDatabaseJobTests(PostgresServer postgres, AzuriteServer azurite)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory(Timeout = 300_000)]
    [MemberData(nameof(ChangeLoadTarget.Stores), MemberType = typeof(ChangeLoadTarget))]
    public async Task Every_table_follows_its_source_through_snapshot_and_transactions_that_span_tables(string store)
    {
        await using var scope = await PostgresScope.CreateAsync(postgres.ConnectionString, Token);
        var schema = "s" + scope.Name;
        await scope.ExecuteAsync($"CREATE SCHEMA {schema}", Token);
        scope.DropAtCleanup($"DROP SCHEMA IF EXISTS {schema} CASCADE");
        for (var table = 1; table <= MirroredTables.Count; table++)
        {
            await scope.ExecuteAsync($"""
                CREATE TABLE {schema}.{MirroredTables.Name(table)} (id int NOT NULL, code varchar(20) NOT NULL, v varchar(50), n int, version int NOT NULL DEFAULT 0,
                  PRIMARY KEY ({MirroredTables.KeyOf(table)}));
                COMMENT ON TABLE {schema}.{MirroredTables.Name(table)} IS 'table {table}';
                INSERT INTO {schema}.{MirroredTables.Name(table)} (id, code, v, n) SELECT i, 'c' || i, 'row ' || i, i % 9 FROM generate_series(1, {300 + (table * 20)}) i
                """, Token);
        }

        await scope.ExecuteAsync($"CREATE TABLE {schema}.skipped (id int PRIMARY KEY); CREATE TABLE {schema}.nokey (id int)", Token);
        // Every type of B.7's PostgreSQL list, for the DDL the job creates.
        await scope.ExecuteAsync($"""
            CREATE TABLE {schema}.types (k text NOT NULL, b bool, b1 bit(1), b8 bit(8), vb varbit(5), s int2, i int4 NOT NULL, l int8, r float4, d float8,
              n1 numeric(12,3), n2 numeric(50,4), n3 numeric, c char(5), c2 char(100), vc varchar(20), t text, dt date, ts timestamp(3), tz timestamptz,
              tm time, tt timetz, iv interval, u uuid, ip inet, cidr cidr, mac macaddr, x xml, by bytea, j json, jb jsonb, ai int4[], at text[], pt point,
              PRIMARY KEY (k, i))
            """, Token);
        await using var target = await CdcJobTarget.StartAsync(store, postgres, azurite);

        Assert.EndsWith("Source tables without a primary key cannot be synchronized (a database-level job upserts and deletes by key): nokey. " +
                        "Add a primary key, or leave them out with exclude_tables", await target.Sql.FailAsync(Create("pg_keyless", schema, target.Database, "")),
            StringComparison.Ordinal);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var writing = WriteAsync(scope, schema, stop.Token);
        await target.Sql.RunAsync(Create("pg_mirror", schema, target.Database, """
            , "exclude_tables" = "skipped,nokey", "snapshot_split_size" = "150", "table.t01.exclude_columns" = "v", "table.t20.target_table" = "renamed"
            """));
        var id = long.Parse((await target.Sql.ScalarAsync("SELECT Id FROM jobs(\"type\"=\"insert\") WHERE Name = 'pg_mirror'"))!, CultureInfo.InvariantCulture);
        var owner = "job_" + id.ToString(CultureInfo.InvariantCulture);
        scope.TrackSlot(ReplicationNames.SlotFor(owner));
        scope.TrackPublication(ReplicationNames.PublicationFor(owner));
        await target.Sql.WaitUntilAsync(async () => await target.Sql.ScalarAsync("SELECT CurrentOffset FROM jobs(\"type\"=\"insert\") WHERE Name = 'pg_mirror'") is { } offset
                                                    && offset.Contains("binlog-split", StringComparison.Ordinal), "the snapshot to finish", seconds: 180);
        await stop.CancelAsync();
        var writes = await writing;
        Assert.True(writes > 20, $"only {writes} transactions ran while the job snapshotted");

        for (var table = 1; table <= MirroredTables.Count; table++)
        {
            var (columns, into) = MirroredTables.Compared(table);
            await target.Sql.UntilEqualAsync($"SELECT {columns} FROM {into} ORDER BY id, code",
                () => SourceRowsAsync(scope, $"SELECT {columns} FROM {schema}.{MirroredTables.Name(table)} ORDER BY id, code COLLATE \"C\""));
        }

        await MirroredTables.AssertTargetsAsync(target.Sql, "pg_mirror");
        Assert.Equal(
            "`k` varchar(65533) NOT NULL,`i` int NOT NULL,`b` boolean NULL,`b1` boolean NULL,`b8` text NULL,`vb` text NULL,`s` smallint NULL,`l` bigint NULL," +
            "`r` float NULL,`d` double NULL,`n1` decimal(12,3) NULL,`n2` decimal(38,4) NULL,`n3` decimal(38,9) NULL,`c` char(15) NULL,`c2` varchar(300) NULL," +
            "`vc` text NULL,`t` text NULL,`dt` date NULL,`ts` datetime(3) NULL,`tz` datetime(6) NULL,`tm` text NULL,`tt` text NULL,`iv` text NULL,`u` text NULL," +
            "`ip` text NULL,`cidr` text NULL,`mac` text NULL,`x` text NULL,`by` text NULL,`j` json NULL,`jb` json NULL,`ai` array<int> NULL," +
            "`at` array<text> NULL,`pt` text NULL",
            await MirroredTables.ColumnsAsync(target.Sql, "types"));
        var ddl = await MirroredTables.CreateTableAsync(target.Sql, "t03");
        Assert.Contains("`v` text NULL", ddl, StringComparison.Ordinal);
        var publication = ReplicationNames.PublicationFor(owner);
        Assert.Equal(MirroredTables.Count + 1, await scope.ScalarAsync<long>($"SELECT count(*) FROM pg_publication_tables WHERE pubname = '{publication}'", Token));

        await target.Sql.RunAsync("DROP JOB WHERE jobName = 'pg_mirror'");
        Assert.Equal(0L, await scope.ScalarAsync<long>($"SELECT count(*) FROM pg_publication WHERE pubname = '{publication}'", Token));
    }

    [Fact(Timeout = 180_000)]
    public async Task Columns_added_and_dropped_at_the_source_reach_the_target_in_order_a_rename_or_type_change_is_reported_and_a_new_table_appears()
    {
        await using var scope = await PostgresScope.CreateAsync(postgres.ConnectionString, Token);
        var schema = "s" + scope.Name;
        await scope.ExecuteAsync($"CREATE SCHEMA {schema}; CREATE TABLE {schema}.a (id int PRIMARY KEY, v text); CREATE TABLE {schema}.b (id int PRIMARY KEY, v text, w text);" +
                                 $"INSERT INTO {schema}.a VALUES (1, 'one')", Token);
        scope.DropAtCleanup($"DROP SCHEMA IF EXISTS {schema} CASCADE");
        await using var target = await CdcJobTarget.StartAsync("postgres", postgres, azurite,
            new Dictionary<string, string?> { ["ContinuousLoad:Jobs:SourceSchemaCheckIntervalSecond"] = "1" });
        await target.Sql.RunAsync(Create("pg_ddl", schema, target.Database, ""));
        var owner = "job_" + (await target.Sql.ScalarAsync("SELECT Id FROM jobs(\"type\"=\"insert\") WHERE Name = 'pg_ddl'"))!;
        scope.TrackSlot(ReplicationNames.SlotFor(owner));
        scope.TrackPublication(ReplicationNames.PublicationFor(owner));
        await target.Sql.WaitUntilAsync(async () => await target.Sql.ScalarAsync("SELECT CurrentOffset FROM jobs(\"type\"=\"insert\") WHERE Name = 'pg_ddl'") is { } offset
                                                    && offset.Contains("binlog-split", StringComparison.Ordinal), "the snapshot to finish");
        // Both tables are small: one snapshot task read them both (a task that leaves the snapshot unfinished shows its split).
        Assert.DoesNotContain((await target.Sql.RunAsync("SELECT RunningOffset FROM tasks(\"type\"=\"insert\") WHERE JobName = 'pg_ddl'")).Select(r => JobSql.Text(r[0])),
            offset => offset?.Contains("snapshot-split", StringComparison.Ordinal) == true);

        // One task holds the rows before the ADD, the rows after it, and rows of another table between them.
        await target.Sql.RunAsync("PAUSE JOB WHERE jobName = 'pg_ddl'");
        await scope.ExecuteAsync($"INSERT INTO {schema}.a VALUES (2, 'before')", Token);
        await scope.ExecuteAsync($"ALTER TABLE {schema}.a ADD COLUMN qty numeric(8,2); COMMENT ON COLUMN {schema}.a.qty IS 'how many'", Token);
        await scope.ExecuteAsync($"INSERT INTO {schema}.b VALUES (1, 'b', 'w')", Token);
        await scope.ExecuteAsync($"INSERT INTO {schema}.a VALUES (3, 'after', 4.5); UPDATE {schema}.a SET qty = 1.25 WHERE id = 1", Token);
        await target.Sql.RunAsync("RESUME JOB WHERE jobName = 'pg_ddl'");
        await target.Sql.WaitUntilAsync(async () => (await MirroredTables.CreateTableAsync(target.Sql, "a")).Contains("`qty`", StringComparison.Ordinal),
            "the new column");

        await target.Sql.UntilEqualAsync("SELECT id, v, qty FROM a ORDER BY id", () => SourceRowsAsync(scope, $"SELECT id, v, qty FROM {schema}.a ORDER BY id"));
        var ddl = await MirroredTables.CreateTableAsync(target.Sql, "a");
        Assert.True(ddl.Contains("`qty` decimal(8,2) NULL COMMENT \"how many\"", StringComparison.Ordinal), ddl);

        // A dropped column leaves the target, in order: the rows before the drop keep their values until it, and rows after it load without it.
        await target.Sql.RunAsync("PAUSE JOB WHERE jobName = 'pg_ddl'");
        await scope.ExecuteAsync($"INSERT INTO {schema}.b VALUES (2, 'b2', 'w2')", Token);
        await scope.ExecuteAsync($"ALTER TABLE {schema}.b DROP COLUMN w; INSERT INTO {schema}.b VALUES (3, 'b3')", Token);
        await target.Sql.RunAsync("RESUME JOB WHERE jobName = 'pg_ddl'");
        await target.Sql.WaitUntilAsync(async () => !(await MirroredTables.CreateTableAsync(target.Sql, "b")).Contains("`w`", StringComparison.Ordinal),
            "the dropped column to leave the target");
        await target.Sql.UntilEqualAsync("SELECT id, v FROM b ORDER BY id", () => SourceRowsAsync(scope, $"SELECT id, v FROM {schema}.b ORDER BY id"));

        // A type change is not applied, and is said.
        await scope.ExecuteAsync($"ALTER TABLE {schema}.a ALTER COLUMN qty TYPE numeric(12,2); INSERT INTO {schema}.a VALUES (5, 'typed', 2)", Token);
        await target.Sql.WaitUntilAsync(async () => (await target.Sql.ScalarAsync("SELECT JobRuntimeMsg FROM jobs(\"type\"=\"insert\")"))!
            .Contains($"Source table a changed what a job does not propagate: column qty is now decimal(12,2) (target: decimal(8,2))", StringComparison.Ordinal),
            "the type change to be reported");

        // A rename (a drop and an add at once) changes nothing and says so.
        await scope.ExecuteAsync($"ALTER TABLE {schema}.a RENAME COLUMN v TO label; INSERT INTO {schema}.a VALUES (4, 'renamed', 1)", Token);
        await target.Sql.WaitUntilAsync(async () => await target.Sql.CountAsync("a") == 5, "the row after the rename");
        await target.Sql.WaitUntilAsync(async () => (await target.Sql.ScalarAsync("SELECT JobRuntimeMsg FROM jobs(\"type\"=\"insert\")"))!
            .Contains($"Source table {schema}.a has column(s) label and lacks v of target table a: possibly a rename", StringComparison.Ordinal), "the rename to be reported");
        Assert.Equal("4,,1.00", (await target.Sql.PagedRowsAsync("SELECT id, v, qty FROM a WHERE id = 4 ORDER BY id")).Single());

        // A table created at the source after the job started: its rows from before the job saw it come from a snapshot, later ones as changes.
        await scope.ExecuteAsync($"CREATE TABLE {schema}.c (id bigint PRIMARY KEY, label varchar(5)); INSERT INTO {schema}.c SELECT i, 'r' || i FROM generate_series(1, 500) i",
            Token);
        await target.Sql.WaitUntilAsync(async () => (await target.Sql.RunAsync("SHOW TABLES")).Any(r => JobSql.Text(r[0]) == "c"), "the new table");
        await scope.ExecuteAsync($"UPDATE {schema}.c SET label = 'z' WHERE id % 7 = 0; DELETE FROM {schema}.c WHERE id % 11 = 0; INSERT INTO {schema}.c VALUES (1000, 'late')",
            Token);
        await target.Sql.UntilEqualAsync("SELECT id, label FROM c ORDER BY id", () => SourceRowsAsync(scope, $"SELECT id, label FROM {schema}.c ORDER BY id"));
        Assert.Equal(3L, await scope.ScalarAsync<long>($"SELECT count(*) FROM pg_publication_tables WHERE pubname = '{ReplicationNames.PublicationFor(owner)}'", Token));
        await target.Sql.RunAsync("DROP JOB WHERE jobName = 'pg_ddl'");
    }

    private string Create(string job, string schema, string into, string extra)
    {
        var server = new NpgsqlConnectionStringBuilder(postgres.ConnectionString);
        return $"""
            CREATE JOB {job} PROPERTIES ("max_interval" = "1") ON STREAMING
            FROM POSTGRES ("jdbc_url" = "jdbc:postgresql://{server.Host}:{server.Port}/{server.Database}", "user" = "{server.Username}",
              "password" = "{server.Password}", "schema" = "{schema}", "offset" = "initial"{extra})
            TO DATABASE {into} ("table.create.properties.replication_num" = "1")
            """;
    }

    /// <summary>
    /// Transactions of one to four statements over random tables — inserts, updates (counting versions), key changes and
    /// deletes — until stopped.
    /// </summary>
    private static async Task<int> WriteAsync(PostgresScope scope, string schema, CancellationToken stop)
    {
        var random = new Random(23);
        var transactions = 0;
        while (!stop.IsCancellationRequested)
        {
            var statements = new List<string>();
            for (var statement = random.Next(1, 5); statement > 0; statement--)
            {
                var table = $"{schema}.{MirroredTables.Name(random.Next(1, MirroredTables.Count + 1))}";
                var id = random.Next(1, 800);
                statements.Add(random.Next(5) switch
                {
                    0 => $"INSERT INTO {table} (id, code, v, n) VALUES ({id + 10000}, 'c{id + 10000}', 'new {id}', {id % 5}) ON CONFLICT DO NOTHING",
                    1 => $"DELETE FROM {table} WHERE id = {id}",
                    2 => $"UPDATE {table} SET id = id + 20000, code = 'k' || code, version = version + 1 WHERE id = {id} " +
                         $"AND NOT EXISTS (SELECT 1 FROM {table} WHERE id = {id + 20000})",
                    3 => $"UPDATE {table} SET n = n + 1, version = version + 1 WHERE id = {id}",
                    _ => $"UPDATE {table} SET v = v || '+', version = version + 1 WHERE id BETWEEN {id} AND {id + 3}",
                });
            }

            try
            {
                // One command of several statements runs as one transaction.
                await scope.ExecuteAsync(string.Join(";\n", statements), CancellationToken.None);
                transactions++;
            }
            catch (PostgresException)
            {
                continue;
            }

            await Task.Delay(5, CancellationToken.None);
        }

        return transactions;
    }

    private static async Task<List<string>> SourceRowsAsync(PostgresScope scope, string query)
    {
        await using var connection = new NpgsqlConnection(scope.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(query, connection);
        await using var reader = await command.ExecuteReaderAsync(Token);
        var rows = new List<string>();
        while (await reader.ReadAsync(Token))
        {
            rows.Add(string.Join(",", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
