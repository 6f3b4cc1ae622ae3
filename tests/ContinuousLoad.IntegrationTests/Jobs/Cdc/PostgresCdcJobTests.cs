using System.Globalization;
using ContinuousLoad.IntegrationTests.Host;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.IntegrationTests.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Replication;
using ContinuousLoad.Testing;
using Npgsql;

namespace ContinuousLoad.IntegrationTests.Jobs.Cdc;

/// <summary>
/// <c>cdc_stream("type" = "postgres", ...)</c> jobs end to end: CREATE JOB through the query endpoint against a
/// real PostgreSQL with logical replication, into each table store; the target kept equal to the source (after
/// the job's SELECT and WHERE) while writers insert, update, change keys and delete during the snapshot and
/// after it; <c>offset = snapshot</c> finishing; <c>latest</c> skipping what was there; DROP removing the job's
/// slot and publication.
/// </summary>
public sealed class PostgresCdcJobTests(PostgresServer postgres, AzuriteServer azurite)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory(Timeout = 240_000)]
    [MemberData(nameof(ChangeLoadTarget.Stores), MemberType = typeof(ChangeLoadTarget))]
    public async Task The_target_follows_the_source_through_snapshot_and_changes_written_meanwhile(string store)
    {
        await using var scope = await PostgresScope.CreateAsync(postgres.ConnectionString, Token);
        var table = scope.Table();
        await scope.ExecuteAsync($"""
            CREATE TABLE {table.Quoted} (id int PRIMARY KEY, v text, n int NOT NULL, version int NOT NULL DEFAULT 0, price numeric(12,3), at timestamp(6),
              instant timestamptz, flag bool, raw bytea, doc jsonb, tags text[], uid uuid, day date, ratio float8, span interval, clock time, big text)
            """, Token);
        // Every 50th row carries 8 kB of md5 text, stored out of line (TOAST): updates that leave it alone do not send it.
        await scope.ExecuteAsync($"""
            INSERT INTO {table.Quoted} (id, v, n, price, at, instant, flag, raw, doc, tags, uid, day, ratio, span, clock, big)
            SELECT i, 'row ' || i, i % 7 - 1, i / 8.0, timestamp '2024-01-01' + i * interval '1.5 second', timestamptz '2024-01-01 00:00:00+02' + i * interval '1 minute',
              i % 2 = 0, decode(md5(i::text), 'hex'), jsonb_build_object('k', i, 'a', jsonb_build_array(i, 'x')), ARRAY['t' || i, NULL], md5(i::text)::uuid,
              date '2000-01-01' + i, i / 7.0, i * interval '1 hour', time '00:00' + i * interval '1 second',
              CASE WHEN i % 50 = 0 THEN (SELECT string_agg(md5((i * 1000 + g)::text), '') FROM generate_series(1, 250) g) ELSE 'small ' || i END
            FROM generate_series(1, 3000) i
            """, Token);
        await using var target = await CdcJobTarget.StartAsync(store, postgres, azurite);
        var sql = target.Sql;
        await sql.RunAsync(TypedItems("items"));

        // The writer runs from before the job starts until its snapshot is done, so changes meet every range.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var writing = WriteAsync(scope, table.Quoted, stop.Token);
        await sql.RunAsync($"""
            CREATE JOB pg_items PROPERTIES ("max_interval" = "1") ON STREAMING
            DO INSERT INTO {target.Database}.items SELECT {TypedSelect} FROM {CdcStream(table.Name, "initial", """, "snapshot_split_size" = "100" """)}
            WHERE n >= 0
            """);
        var id = await JobIdAsync(sql, "pg_items");
        Track(scope, id);
        await sql.WaitUntilAsync(async () => await sql.ScalarAsync("SELECT CurrentOffset FROM jobs(\"type\"=\"insert\") WHERE Name = 'pg_items'") is { } offset
                                             && offset.Contains("binlog-split", StringComparison.Ordinal), "the snapshot to finish", seconds: 120);
        await stop.CancelAsync();
        var writes = await writing;

        await UntilEqualShowingTasksAsync(sql, () => SourceRowsAsync(scope, table.Quoted));
        Assert.True(writes > 10, $"only {writes} writes ran while the job started and snapshotted");
        var job = (await sql.RunAsync("SELECT Status, ExecuteSql, ErrorMsg, LoadStatistic FROM jobs(\"type\"=\"insert\") WHERE Name = 'pg_items'")).Single();
        Assert.Equal(("RUNNING", null), (JobSql.Text(job[0]), JobSql.Text(job[2])));
        Assert.Contains("\"password\" = \"*XXX\"", JobSql.Text(job[1]), StringComparison.Ordinal);
        // The rows can be in before the task that wrote them is recorded as finished: wait for the record, then check it.
        const string Tasks = "SELECT Status, RunningOffset FROM tasks(\"type\"=\"insert\") WHERE JobName = 'pg_items'";
        await sql.WaitUntilAsync(async () => (await sql.RunAsync(Tasks)).All(t => JobSql.Text(t[0]) != "RUNNING"), "the last task to be recorded");
        var tasks = await sql.RunAsync(Tasks);
        Assert.Contains(tasks, t => JobSql.Text(t[1])!.Contains("snapshot-split", StringComparison.Ordinal));
        Assert.All(tasks, t => Assert.Equal("SUCCESS", JobSql.Text(t[0])));

        await scope.ExecuteAsync($"UPDATE {table.Quoted} SET id = id + 100000, version = version + 1 WHERE id BETWEEN 10 AND 19", Token);
        await scope.ExecuteAsync($"DELETE FROM {table.Quoted} WHERE id BETWEEN 20 AND 29", Token);
        await target.Sql.UntilEqualAsync(Items, () => SourceRowsAsync(scope, table.Quoted));

        // Every type, compared whole: a snapshot of the source as it is now, loaded by a second job, holds what the first built change by change.
        await sql.RunAsync(TypedItems("items_check"));
        await sql.RunAsync($"""
            CREATE JOB pg_check PROPERTIES ("max_interval" = "1") ON STREAMING
            DO INSERT INTO {target.Database}.items_check SELECT {TypedSelect} FROM {CdcStream(table.Name, "snapshot")} WHERE n >= 0
            """);
        Track(scope, await JobIdAsync(sql, "pg_check"));
        await sql.WaitUntilAsync(async () => await sql.ScalarAsync("SELECT Status FROM jobs(\"type\"=\"insert\") WHERE Name = 'pg_check'") == "FINISHED", "the check");
        Assert.Equal(await sql.PagedRowsAsync("SELECT * FROM items_check ORDER BY id"), await sql.PagedRowsAsync("SELECT * FROM items ORDER BY id"));
        await sql.RunAsync("DROP JOB WHERE jobName = 'pg_check'");

        await sql.RunAsync("DROP JOB WHERE jobName = 'pg_items'");
        Assert.Equal(0L, await scope.ScalarAsync<long>($"SELECT count(*) FROM pg_replication_slots WHERE slot_name = '{SlotOf(id)}'", Token));
        Assert.Equal(0L, await scope.ScalarAsync<long>($"SELECT count(*) FROM pg_publication WHERE pubname = '{PublicationOf(id)}'", Token));
    }

    [Fact(Timeout = 120_000)]
    public async Task Offset_snapshot_loads_the_table_once_and_finishes()
    {
        await using var scope = await PostgresScope.CreateAsync(postgres.ConnectionString, Token);
        var table = scope.Table();
        await scope.ExecuteAsync($"CREATE TABLE {table.Quoted} (id int PRIMARY KEY, v text)", Token);
        await scope.ExecuteAsync($"INSERT INTO {table.Quoted} SELECT i, 'v' || i FROM generate_series(1, 1000) i", Token);
        await using var target = await CdcJobTarget.StartAsync("sqlite", postgres, azurite);
        var sql = target.Sql;
        await sql.RunAsync("CREATE TABLE items (id INT, v STRING) UNIQUE KEY(id)");

        await sql.RunAsync($"""
            CREATE JOB pg_once PROPERTIES ("max_interval" = "1") ON STREAMING
            DO INSERT INTO {target.Database}.items SELECT * FROM {CdcStream(table.Name, "snapshot", """, "snapshot_split_size" = "300" """)}
            """);
        Track(scope, await JobIdAsync(sql, "pg_once"));
        await sql.WaitUntilAsync(async () => await sql.ScalarAsync("SELECT Status FROM jobs(\"type\"=\"insert\") WHERE Name = 'pg_once'") == "FINISHED", "the job to finish");

        Assert.Equal(1000, await sql.CountAsync("items"));
        Assert.Equal(4, (await sql.RunAsync("SELECT TaskId FROM tasks(\"type\"=\"insert\") WHERE JobName = 'pg_once'")).Count);
        await scope.ExecuteAsync($"INSERT INTO {table.Quoted} VALUES (5000, 'late')", Token);
        await Task.Delay(2000, Token);
        Assert.Equal(1000, await sql.CountAsync("items"));
        Assert.Contains("Only PAUSED job can be resumed", await sql.FailAsync("RESUME JOB WHERE jobName = 'pg_once'"), StringComparison.Ordinal);
        await sql.RunAsync("DROP JOB WHERE jobName = 'pg_once'");
    }

    [Fact(Timeout = 120_000)]
    public async Task Offset_latest_loads_only_later_changes_and_pause_and_alter_keep_the_place()
    {
        await using var scope = await PostgresScope.CreateAsync(postgres.ConnectionString, Token);
        var table = scope.Table();
        await scope.ExecuteAsync($"CREATE TABLE {table.Quoted} (id int PRIMARY KEY, v text)", Token);
        await scope.ExecuteAsync($"INSERT INTO {table.Quoted} VALUES (1, 'old'), (2, 'old')", Token);
        await using var target = await CdcJobTarget.StartAsync("sqlite", postgres, azurite);
        var sql = target.Sql;
        await sql.RunAsync("CREATE TABLE items (id INT, v STRING) UNIQUE KEY(id)");

        await sql.RunAsync($"""
            CREATE JOB pg_new PROPERTIES ("max_interval" = "1") ON STREAMING
            DO INSERT INTO {target.Database}.items SELECT * FROM {CdcStream(table.Name, "latest")}
            """);
        Track(scope, await JobIdAsync(sql, "pg_new"));
        await sql.WaitUntilAsync(async () => (await sql.ScalarAsync("SELECT JobRuntimeMsg FROM jobs(\"type\"=\"insert\") WHERE Name = 'pg_new'"))!
            .StartsWith("No new data", StringComparison.Ordinal), "the job to start reading");
        await scope.ExecuteAsync($"INSERT INTO {table.Quoted} VALUES (3, 'new'); UPDATE {table.Quoted} SET v = 'changed' WHERE id = 1", Token);

        await sql.WaitUntilAsync(async () => await sql.CountAsync("items") == 2, "the changes");
        Assert.Equal("1,changed|3,new", await StreamingJobTests.Rows(sql, "SELECT id, v FROM items ORDER BY id"));

        // PAUSE keeps the slot; ALTER may change the SELECT and the credentials, not what the job reads.
        await sql.RunAsync("PAUSE JOB WHERE jobName = 'pg_new'");
        var id = await JobIdAsync(sql, "pg_new");
        Assert.Equal(1L, await scope.ScalarAsync<long>($"SELECT count(*) FROM pg_replication_slots WHERE slot_name = '{SlotOf(id)}'", Token));
        await scope.ExecuteAsync($"INSERT INTO {table.Quoted} VALUES (4, 'skipped')", Token);
        var moved = await scope.ScalarAsync<string>("SELECT pg_current_wal_flush_lsn()::text", Token);
        await scope.ExecuteAsync($"INSERT INTO {table.Quoted} VALUES (5, 'paused')", Token);
        Assert.Contains("The source of a cdc_stream job cannot change", await sql.FailAsync(
            $"ALTER JOB pg_new INSERT INTO {target.Database}.items SELECT * FROM {CdcStream(table.Name + "_other", "latest")}"), StringComparison.Ordinal);
        Assert.Contains("moves to a position of its log", await sql.FailAsync("ALTER JOB pg_new PROPERTIES ('offset' = 'initial')"), StringComparison.Ordinal);
        await sql.RunAsync($"ALTER JOB pg_new INSERT INTO {target.Database}.items SELECT id, upper(v) FROM {CdcStream(table.Name, "latest")}");
        await sql.RunAsync($"ALTER JOB pg_new PROPERTIES ('offset' = '{{\"lsn\":\"{moved}\"}}')");
        await sql.RunAsync("RESUME JOB WHERE jobName = 'pg_new'");
        await sql.WaitUntilAsync(async () => await sql.CountAsync("items") == 3, "the change after the new offset");
        Assert.Equal("1,changed|3,new|5,PAUSED", await StreamingJobTests.Rows(sql, "SELECT id, v FROM items ORDER BY id"));
        await sql.RunAsync("DROP JOB WHERE jobName = 'pg_new'");
    }

    [Fact(Timeout = 120_000)]
    public async Task A_dropped_slot_pauses_the_job_with_the_remedy_and_is_never_made_again()
    {
        await using var scope = await PostgresScope.CreateAsync(postgres.ConnectionString, Token);
        var table = scope.Table();
        await scope.ExecuteAsync($"CREATE TABLE {table.Quoted} (id int PRIMARY KEY, v text)", Token);
        await scope.ExecuteAsync($"INSERT INTO {table.Quoted} VALUES (1, 'a')", Token);
        await using var target = await CdcJobTarget.StartAsync("sqlite", postgres, azurite);
        var sql = target.Sql;
        await sql.RunAsync("CREATE TABLE items (id INT, v STRING) UNIQUE KEY(id)");
        await sql.RunAsync($"""
            CREATE JOB pg_lost PROPERTIES ("max_interval" = "1") ON STREAMING
            DO INSERT INTO {target.Database}.items SELECT * FROM {CdcStream(table.Name, "initial")}
            """);
        var id = await JobIdAsync(sql, "pg_lost");
        Track(scope, id);
        await sql.WaitUntilAsync(async () => await sql.CountAsync("items") == 1, "the snapshot");

        await sql.RunAsync("PAUSE JOB WHERE jobName = 'pg_lost'");
        await scope.ExecuteAsync($"SELECT pg_drop_replication_slot('{SlotOf(id)}')", Token);
        await scope.ExecuteAsync($"INSERT INTO {table.Quoted} VALUES (2, 'lost')", Token);
        await sql.RunAsync("RESUME JOB WHERE jobName = 'pg_lost'");

        await sql.WaitUntilAsync(async () => await sql.ScalarAsync("SELECT Status FROM jobs(\"type\"=\"insert\") WHERE Name = 'pg_lost'") == "PAUSED", "the job to pause");
        var error = await sql.ScalarAsync("SELECT ErrorMsg FROM jobs(\"type\"=\"insert\") WHERE Name = 'pg_lost'");
        Assert.Contains("GET_REMOTE_DATA_ERROR", error, StringComparison.Ordinal);
        Assert.Contains("DROP JOB and create it again", error, StringComparison.Ordinal);
        Assert.Equal(0L, await scope.ScalarAsync<long>($"SELECT count(*) FROM pg_replication_slots WHERE slot_name = '{SlotOf(id)}'", Token));
        Assert.Equal(1, await sql.CountAsync("items"));
        await sql.RunAsync("DROP JOB WHERE jobName = 'pg_lost'");
    }

    [Fact(Timeout = 120_000)]
    public async Task Create_refuses_a_source_table_without_a_primary_key_and_unknown_source_columns()
    {
        await using var scope = await PostgresScope.CreateAsync(postgres.ConnectionString, Token);
        var table = scope.Table();
        await scope.ExecuteAsync($"CREATE TABLE {table.Quoted} (id int, v text)", Token);
        await using var target = await CdcJobTarget.StartAsync("sqlite", postgres, azurite);
        var sql = target.Sql;
        await sql.RunAsync("CREATE TABLE items (id INT, v STRING) UNIQUE KEY(id)");

        Assert.Contains($"Source table public.{table.Name} has no primary key", await sql.FailAsync(
            $"CREATE JOB pg_nokey ON STREAMING DO INSERT INTO {target.Database}.items SELECT * FROM {CdcStream(table.Name, "initial")}"), StringComparison.Ordinal);
        await scope.ExecuteAsync($"ALTER TABLE {table.Quoted} ADD PRIMARY KEY (id)", Token);
        Assert.Contains($"Unknown column 'nope' in source table public.{table.Name}", await sql.FailAsync(
            $"CREATE JOB pg_nokey ON STREAMING DO INSERT INTO {target.Database}.items SELECT id, nope FROM {CdcStream(table.Name, "initial")}"), StringComparison.Ordinal);
        Assert.Empty(await sql.RunAsync("SELECT * FROM jobs(\"type\"=\"insert\") WHERE Name = 'pg_nokey'"));
    }

    /// <summary>The job's SELECT over every mapped type (B.7), and the UNIQUE KEY table it loads.</summary>
    private const string TypedSelect = "id, upper(v), n, version, price, at, instant, flag, raw, doc, tags, uid, day, ratio, span, clock, big";

    private static string TypedItems(string name) => $"""
        CREATE TABLE {name} (id INT, v STRING, n INT, version INT, price DECIMAL(12, 3), at DATETIME(6), instant DATETIME(6), flag BOOLEAN, raw STRING,
          doc JSON, tags ARRAY<STRING>, uid STRING, day DATE, ratio DOUBLE, span STRING, clock STRING, big STRING) UNIQUE KEY(id)
        """;

    private string CdcStream(string table, string offset, string extra = "")
    {
        var server = new NpgsqlConnectionStringBuilder(postgres.ConnectionString);
        return $"""
            cdc_stream("type" = "postgres", "jdbc_url" = "jdbc:postgresql://{server.Host}:{server.Port}/{server.Database}", "user" = "{server.Username}",
              "password" = "{server.Password}", "schema" = "public", "table" = "{table}", "offset" = "{offset}"{extra})
            """;
    }

    private static string SlotOf(long jobId) => ReplicationNames.SlotFor("job_" + jobId.ToString(CultureInfo.InvariantCulture));

    private static string PublicationOf(long jobId) => ReplicationNames.PublicationFor("job_" + jobId.ToString(CultureInfo.InvariantCulture));

    /// <summary>The job's slot and publication are the scope's to clean up, should the test fail before DROP JOB.</summary>
    private static void Track(PostgresScope scope, long jobId)
    {
        scope.TrackSlot(SlotOf(jobId));
        scope.TrackPublication(PublicationOf(jobId));
    }

    private static async Task<long> JobIdAsync(JobSql sql, string name) =>
        long.Parse((await sql.ScalarAsync($"SELECT Id FROM jobs(\"type\"=\"insert\") WHERE Name = '{name}'"))!, CultureInfo.InvariantCulture);

    /// <summary>Inserts, updates (counting versions), key changes and deletes, one small transaction at a time, until stopped.</summary>
    private static async Task<int> WriteAsync(PostgresScope scope, string table, CancellationToken stop)
    {
        var random = new Random(17);
        var writes = 0;
        while (!stop.IsCancellationRequested)
        {
            var id = random.Next(1, 3200);
            var sql = (writes % 5) switch
            {
                0 => $"INSERT INTO {table} (id, v, n) VALUES ({id + 10000}, 'new {id}', {id % 5}) ON CONFLICT (id) DO NOTHING",
                1 => $"DELETE FROM {table} WHERE id = {id}",
                2 => $"UPDATE {table} SET id = {id + 20000}, version = version + 1 WHERE id = {id} AND NOT EXISTS (SELECT 1 FROM {table} WHERE id = {id + 20000})",
                3 => $"UPDATE {table} SET n = -1, version = version + 1 WHERE id = {id}",
                _ => $"UPDATE {table} SET v = v || '+', n = abs(n), version = version + 1, price = price + 0.001, at = at + interval '1 second', flag = NOT flag, " +
                     $"raw = raw || '\\x01'::bytea, doc = jsonb_set(doc, '{{k}}', to_jsonb(version + 1)), tags = array_append(tags, 'x'), span = span * 2 " +
                     $"WHERE id BETWEEN {id} AND {id + 3}",
            };
            try
            {
                await scope.ExecuteAsync(sql, CancellationToken.None);
            }
            catch (PostgresException)
            {
                continue;
            }

            writes++;
            await Task.Delay(10, CancellationToken.None);
        }

        return writes;
    }

    private const string Items = "SELECT id, v, n, version FROM items ORDER BY id";

    /// <summary>As <see cref="JobSql.UntilEqualAsync"/>; when the rows differ, the failure also lists the job's tasks and the ranges they read.</summary>
    private static async Task UntilEqualShowingTasksAsync(JobSql sql, Func<Task<List<string>>> sourceRows)
    {
        try
        {
            await sql.UntilEqualAsync(Items, sourceRows);
        }
        catch (Xunit.Sdk.XunitException e)
        {
            var taskRows = await sql.RunAsync("SELECT TaskId, Status, RunningOffset, LoadStatistic FROM tasks(\"type\"=\"insert\") WHERE JobName = 'pg_items'");
            throw new Xunit.Sdk.XunitException($"{e.Message}\ntasks:\n{string.Join("\n", taskRows.Select(t => string.Join(" | ", t.Select(v => v.ToString()))))}", e);
        }
    }

    private static async Task<List<string>> SourceRowsAsync(PostgresScope scope, string table)
    {
        await using var connection = new NpgsqlConnection(scope.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand($"SELECT id, upper(v), n, version FROM {table} WHERE n >= 0 ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync(Token);
        var rows = new List<string>();
        while (await reader.ReadAsync(Token))
        {
            rows.Add(string.Join(",", Enumerable.Range(0, 4).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
