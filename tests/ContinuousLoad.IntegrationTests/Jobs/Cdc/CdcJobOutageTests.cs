using System.Globalization;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.IntegrationTests.Sources.MySql;
using ContinuousLoad.IntegrationTests.Sources.Postgres;
using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Sources.Postgres.Replication;
using Npgsql;

namespace ContinuousLoad.IntegrationTests.Jobs.Cdc;

/// <summary>
/// The source goes away mid-stream for 30 seconds (its connections cut and its port closed, as a restart looks
/// to a client; the servers are shared, so a relay in front of them goes down instead): the job pauses with
/// GET_REMOTE_DATA_ERROR, resumes by itself once the source is back, and catches up with what changed meanwhile.
/// </summary>
public sealed class CdcJobOutageTests(PostgresServer postgres, MariaDbServer mariadb, AzuriteServer azurite)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory(Timeout = 180_000)]
    [InlineData("postgres")]
    [InlineData("mysql")]
    public async Task A_source_down_for_30_seconds_pauses_the_job_which_resumes_and_catches_up(string type)
    {
        await using var scope = type == "postgres" ? await PostgresScope.CreateAsync(postgres.ConnectionString, Token) : null;
        await using var mysql = type == "mysql" ? await TestDatabase.CreateAsync(mariadb, Token) : null;
        var table = scope is null ? "t" : scope.Table().Quoted;
        Task ExecuteAsync(string sql) => scope is null ? mysql!.Admin.ExecuteAsync(sql, Token) : scope.ExecuteAsync(sql, Token);
        await ExecuteAsync($"CREATE TABLE {table} (id INT PRIMARY KEY, v VARCHAR(20))");
        await ExecuteAsync($"INSERT INTO {table} VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        var server = scope is null ? mariadb.Replication.Port : new NpgsqlConnectionStringBuilder(postgres.ConnectionString).Port;
        await using var proxy = new LoopbackProxy(server);
        proxy.Start();
        // Auto-resume backs off 4, 8, 10, 10 ... s here, so the outage spends a few attempts but not the budget of ten.
        await using var target = await CdcJobTarget.StartAsync("sqlite", postgres, azurite, new Dictionary<string, string?>
        {
            ["ContinuousLoad:Jobs:AutoResumeBaseIntervalSecond"] = "2",
            ["ContinuousLoad:Jobs:AutoResumeMaxIntervalSecond"] = "10",
        });
        var sql = target.Sql;
        await sql.RunAsync("CREATE TABLE items (id INT, v STRING) UNIQUE KEY(id)");
        await sql.RunAsync($"""
            CREATE JOB outage PROPERTIES ("max_interval" = "1") ON STREAMING
            DO INSERT INTO {target.Database}.items SELECT id, v FROM {CdcStream(type, proxy.Port, scope, mysql)}
            """);
        var id = long.Parse((await sql.ScalarAsync("SELECT Id FROM jobs(\"type\"=\"insert\") WHERE Name = 'outage'"))!, CultureInfo.InvariantCulture);
        scope?.TrackSlot(ReplicationNames.SlotFor("job_" + id.ToString(CultureInfo.InvariantCulture)));
        scope?.TrackPublication(ReplicationNames.PublicationFor("job_" + id.ToString(CultureInfo.InvariantCulture)));
        await sql.WaitUntilAsync(async () => await sql.CountAsync("items") == 3, "the snapshot");

        await ExecuteAsync($"UPDATE {table} SET v = 'before' WHERE id = 1");
        await proxy.StopAsync();
        var down = DateTime.UtcNow;
        await ExecuteAsync($"INSERT INTO {table} VALUES (4, 'during')");
        await ExecuteAsync($"DELETE FROM {table} WHERE id = 2");
        await sql.WaitUntilAsync(async () => await sql.ScalarAsync("SELECT Status FROM jobs(\"type\"=\"insert\") WHERE Name = 'outage'") == "PAUSED",
            "the job to pause", seconds: 25);
        Assert.Contains("GET_REMOTE_DATA_ERROR", await sql.ScalarAsync("SELECT ErrorMsg FROM jobs(\"type\"=\"insert\") WHERE Name = 'outage'"), StringComparison.Ordinal);
        await Task.Delay(Outage - (DateTime.UtcNow - down), Token);
        proxy.Start();

        await sql.WaitUntilAsync(async () => await StreamingJobTests.Rows(sql, "SELECT id, v FROM items ORDER BY id") == "1,before|3,c|4,during",
            "the job to resume and catch up", seconds: 60);
        Assert.Equal("RUNNING", await sql.ScalarAsync("SELECT Status FROM jobs(\"type\"=\"insert\") WHERE Name = 'outage'"));
        await sql.RunAsync("DROP JOB WHERE jobName = 'outage'");
    }

    /// <summary>
    /// The table store goes away while changes wait: the job pauses, the source is not acknowledged past what the store
    /// committed (the slot stays where it was), and once the store is back the job resumes and catches up.
    /// </summary>
    [Fact(Timeout = 180_000)]
    public async Task A_table_store_gone_acknowledges_nothing_at_the_source_and_the_job_catches_up()
    {
        await using var scope = await PostgresScope.CreateAsync(postgres.ConnectionString, Token);
        var table = scope.Table();
        await scope.ExecuteAsync($"CREATE TABLE {table.Quoted} (id INT PRIMARY KEY, v VARCHAR(20))", Token);
        await scope.ExecuteAsync($"INSERT INTO {table.Quoted} VALUES (1, 'a')", Token);
        var server = new NpgsqlConnectionStringBuilder(postgres.ConnectionString);
        await using var store = new LoopbackProxy(server.Port);
        store.Start();
        await using var target = await CdcJobTarget.StartAsync("postgres", postgres, azurite, new Dictionary<string, string?>
        {
            ["ContinuousLoad:Tables:ConnectionString"] = new NpgsqlConnectionStringBuilder(postgres.ConnectionString)
            {
                Port = store.Port, Database = CdcJobTarget.DatabaseName, Pooling = false,
            }.ConnectionString,
            ["ContinuousLoad:Jobs:AutoResumeBaseIntervalSecond"] = "2",
            ["ContinuousLoad:Jobs:AutoResumeMaxIntervalSecond"] = "5",
        });
        var sql = target.Sql;
        await sql.RunAsync("CREATE TABLE items (id INT, v STRING) UNIQUE KEY(id)");
        await sql.RunAsync($"""
            CREATE JOB store_gone PROPERTIES ("max_interval" = "1") ON STREAMING
            DO INSERT INTO {target.Database}.items SELECT id, v FROM {CdcStream("postgres", server.Port, scope, null)}
            """);
        var id = long.Parse((await sql.ScalarAsync("SELECT Id FROM jobs(\"type\"=\"insert\") WHERE Name = 'store_gone'"))!, CultureInfo.InvariantCulture);
        var slot = scope.TrackSlot(ReplicationNames.SlotFor("job_" + id.ToString(CultureInfo.InvariantCulture)));
        scope.TrackPublication(ReplicationNames.PublicationFor("job_" + id.ToString(CultureInfo.InvariantCulture)));
        await scope.ExecuteAsync($"INSERT INTO {table.Quoted} VALUES (2, 'b')", Token);
        await sql.WaitUntilAsync(async () => await sql.CountAsync("items") == 2, "the first rows");
        // The next plan confirms the slot up to the committed offset; wait for that before the store goes.
        await Task.Delay(2500, Token);
        var confirmed = await scope.ScalarAsync<string>($"SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = '{slot}'", Token);

        await store.StopAsync();
        await scope.ExecuteAsync($"INSERT INTO {table.Quoted} VALUES (3, 'during'); UPDATE {table.Quoted} SET v = 'changed' WHERE id = 1", Token);
        await sql.WaitUntilAsync(async () => await sql.ScalarAsync("SELECT Status FROM jobs(\"type\"=\"insert\") WHERE Name = 'store_gone'") == "PAUSED",
            "the job to pause", seconds: 30);
        Assert.Equal(confirmed, await scope.ScalarAsync<string>($"SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = '{slot}'", Token));
        store.Start();

        await sql.WaitUntilAsync(async () => await StreamingJobTests.Rows(sql, "SELECT id, v FROM items ORDER BY id") == "1,changed|2,b|3,during",
            "the job to resume and catch up", seconds: 60);
        await sql.RunAsync("DROP JOB WHERE jobName = 'store_gone'");
    }

    private string CdcStream(string type, int port, PostgresScope? scope, TestDatabase? mysql)
    {
        if (scope is not null)
        {
            var builder = new NpgsqlConnectionStringBuilder(postgres.ConnectionString);
            return $"""
                cdc_stream("type" = "postgres", "jdbc_url" = "jdbc:postgresql://127.0.0.1:{port}/{builder.Database}", "user" = "{builder.Username}",
                  "password" = "{builder.Password}", "schema" = "public", "table" = "{scope.Table().Name}", "offset" = "initial")
                """;
        }

        var account = mariadb.Replication;
        return $"""
            cdc_stream("type" = "mysql", "jdbc_url" = "jdbc:mysql://127.0.0.1:{port}", "user" = "{account.User}", "password" = "{account.Password}",
              "database" = "{mysql!.Name}", "table" = "t", "offset" = "initial")
            """;
    }
}
