using System.Globalization;
using ContinuousLoad.IntegrationTests.Host;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.IntegrationTests.Sources.MySql;
using ContinuousLoad.IntegrationTests.Sources.Postgres;
using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Sources.Postgres.Replication;
using ContinuousLoad.Testing;
using Npgsql;

namespace ContinuousLoad.IntegrationTests.Jobs.Cdc;

/// <summary>
/// The host is killed (SIGKILL) at random moments while a CDC job snapshots and then streams, and restarted on
/// the same data. Each source row carries a change counter (<c>version</c>, raised by every update), and every
/// write changes exactly one row: at the end the target equals the source row for row, counters included (a
/// skipped change shows as a lower counter), and the job's scanned rows are exactly the snapshot's rows plus the
/// writes (a change applied twice, or a task committed twice, shows as more).
/// </summary>
public sealed class CdcJobCrashTests(PostgresServer postgres, MariaDbServer mariadb, AzuriteServer azurite)
{
    private const int Rows = 6000;
    private const int KillsWhileSnapshotting = 4;
    private const int KillsWhileStreaming = 6;
    private const int WritesPerRound = 60;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory(Timeout = 300_000)]
    [InlineData("postgres")]
    [InlineData("mysql")]
    public async Task Killing_the_host_during_snapshot_and_changes_loses_and_repeats_nothing(string type)
    {
        await using var source = await CrashSource.CreateAsync(type, postgres, mariadb);
        await using var durable = JobBackend.Create("sqlite", azurite, new Dictionary<string, string?>
        {
            ["ContinuousLoad:Durable:LeaseSecond"] = "2",
            ["ContinuousLoad:Jobs:TaskRetryIntervalSecond"] = "0.2",
        });
        var database = TestNames.ForCurrentTest("cdccrash", maxLength: 40);
        using var directory = new TemporaryDirectory();
        var url = $"http://127.0.0.1:{HostProcess.FreeLoopbackPort()}";
        var random = new Random(20261207);
        var host = await StartAsync(directory.Path, url, durable);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(url) };
            var sql = new JobSql(client, database);
            await sql.RunAsync($"CREATE DATABASE {database}");
            await sql.RunAsync("CREATE TABLE items (id INT, v STRING, version INT) UNIQUE KEY(id)");
            await sql.RunAsync($"""
                CREATE JOB cdc_crash ON STREAMING PROPERTIES ("max_interval" = "1")
                DO INSERT INTO {database}.items SELECT id, v, version FROM {source.CdcStream("initial", """, "snapshot_split_size" = "60" """)}
                """);
            source.Track(long.Parse((await sql.ScalarAsync("SELECT Id FROM jobs(\"type\"=\"insert\") WHERE Name = 'cdc_crash'"))!, CultureInfo.InvariantCulture));

            var killedWhileSnapshotting = 0;
            for (var kill = 0; kill < KillsWhileSnapshotting; kill++)
            {
                await Task.Delay(random.Next(300, 1500), Token);
                killedWhileSnapshotting += (await sql.ScalarAsync("SELECT CurrentOffset FROM jobs(\"type\"=\"insert\") WHERE Name = 'cdc_crash'"))!
                    .Contains("binlog-split", StringComparison.Ordinal) ? 0 : 1;
                host.Kill();
                await host.DisposeAsync();
                host = await StartAsync(directory.Path, url, durable);
            }

            await sql.WaitUntilAsync(async () => (await sql.ScalarAsync("SELECT CurrentOffset FROM jobs(\"type\"=\"insert\") WHERE Name = 'cdc_crash'"))!
                .Contains("binlog-split", StringComparison.Ordinal), "the snapshot to finish", seconds: 120);
            var writes = 0;
            for (var kill = 0; kill < KillsWhileStreaming; kill++)
            {
                writes += await source.WriteRoundAsync(random, WritesPerRound);
                await Task.Delay(random.Next(50, 1000), Token);
                host.Kill();
                await host.DisposeAsync();
                host = await StartAsync(directory.Path, url, durable);
            }

            await sql.UntilEqualAsync("SELECT id, v, version FROM items ORDER BY id", source.RowsAsync);
            await sql.WaitUntilAsync(async () => (await sql.ScalarAsync("SELECT LoadStatistic FROM jobs(\"type\"=\"insert\") WHERE Name = 'cdc_crash'"))!
                .Contains($"\"scannedRows\":{Rows + writes},", StringComparison.Ordinal), $"{Rows} snapshot rows and {writes} changes to be counted once each");
            Assert.True(killedWhileSnapshotting >= 2, $"only {killedWhileSnapshotting} of the kills came while the job snapshotted");
            Assert.Equal("RUNNING", await sql.ScalarAsync("SELECT Status FROM jobs(\"type\"=\"insert\") WHERE Name = 'cdc_crash'"));
            await sql.RunAsync("DROP JOB WHERE jobName = 'cdc_crash'");
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static async Task<HostProcess> StartAsync(string directory, string url, JobBackend durable)
    {
        var host = HostProcess.Start(directory, url, [.. durable.Arguments]);
        Assert.True(await host.WaitHealthyAsync(TimeSpan.FromSeconds(30), Token), host.Output);
        return host;
    }

    /// <summary>A source table <c>t (id, v, version)</c> of <see cref="Rows"/> rows in either server, and writes that change one row each.</summary>
    private abstract class CrashSource : IAsyncDisposable
    {
        private readonly List<long> _live = [.. Enumerable.Range(1, Rows).Select(i => (long)i)];
        private long _next = Rows + 1;

        public static async Task<CrashSource> CreateAsync(string type, PostgresServer postgres, MariaDbServer mariadb)
        {
            CrashSource source = type == "postgres" ? await PostgresCrashSource.CreateAsync(postgres) : await MySqlCrashSource.CreateAsync(mariadb);
            await source.ExecuteAsync($"INSERT INTO {source.Table} (id, v, version) {source.Series(Rows)}");
            return source;
        }

        protected abstract string Table { get; }

        public abstract string CdcStream(string offset, string extra);

        public virtual void Track(long jobId)
        {
        }

        public abstract Task<List<string>> RowsAsync();

        /// <summary>Updates (raising the counter), inserts and deletes, each of exactly one row that exists (or, inserted, does not); returns how many ran.</summary>
        public async Task<int> WriteRoundAsync(Random random, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var index = random.Next(_live.Count);
                var id = _live[index];
                switch (i % 4)
                {
                    case 0:
                        await ExecuteAsync($"DELETE FROM {Table} WHERE id = {id}");
                        _live.RemoveAt(index);
                        break;
                    case 1:
                        await ExecuteAsync($"INSERT INTO {Table} (id, v, version) VALUES ({_next}, 'new', 0)");
                        _live.Add(_next++);
                        break;
                    default:
                        await ExecuteAsync($"UPDATE {Table} SET v = 'changed', version = version + 1 WHERE id = {id}");
                        break;
                }
            }

            return count;
        }

        public abstract ValueTask DisposeAsync();

        protected abstract string Series(int rows);

        protected abstract Task ExecuteAsync(string sql);
    }

    private sealed class PostgresCrashSource(PostgresScope scope, PostgresServer server) : CrashSource
    {
        protected override string Table => scope.Table().Quoted;

        public static async Task<PostgresCrashSource> CreateAsync(PostgresServer server)
        {
            var scope = await PostgresScope.CreateAsync(server.ConnectionString, Token);
            await scope.ExecuteAsync($"CREATE TABLE {scope.Table().Quoted} (id bigint PRIMARY KEY, v text, version int NOT NULL)", Token);
            return new PostgresCrashSource(scope, server);
        }

        public override string CdcStream(string offset, string extra)
        {
            var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString);
            return $"""
                cdc_stream("type" = "postgres", "jdbc_url" = "jdbc:postgresql://{builder.Host}:{builder.Port}/{builder.Database}", "user" = "{builder.Username}",
                  "password" = "{builder.Password}", "schema" = "public", "table" = "{scope.Table().Name}", "offset" = "{offset}"{extra})
                """;
        }

        public override void Track(long jobId)
        {
            scope.TrackSlot(ReplicationNames.SlotFor("job_" + jobId.ToString(CultureInfo.InvariantCulture)));
            scope.TrackPublication(ReplicationNames.PublicationFor("job_" + jobId.ToString(CultureInfo.InvariantCulture)));
        }

        public override async Task<List<string>> RowsAsync()
        {
            await using var connection = new NpgsqlConnection(scope.ConnectionString);
            await connection.OpenAsync(Token);
            await using var command = new NpgsqlCommand($"SELECT id, v, version FROM {Table} ORDER BY id", connection);
            await using var reader = await command.ExecuteReaderAsync(Token);
            var rows = new List<string>();
            while (await reader.ReadAsync(Token))
            {
                rows.Add(string.Join(",", Enumerable.Range(0, 3).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
            }

            return rows;
        }

        public override ValueTask DisposeAsync() => scope.DisposeAsync();

        protected override string Series(int rows) => $"SELECT i, 'row ' || i, 0 FROM generate_series(1, {rows}) i";

        protected override Task ExecuteAsync(string sql) => scope.ExecuteAsync(sql, Token);
    }

    private sealed class MySqlCrashSource(TestDatabase database, MariaDbServer server) : CrashSource
    {
        protected override string Table => "t";

        public static async Task<MySqlCrashSource> CreateAsync(MariaDbServer server)
        {
            var database = await TestDatabase.CreateAsync(server, Token);
            await database.Admin.ExecuteAsync("CREATE TABLE t (id BIGINT PRIMARY KEY, v VARCHAR(20), version INT NOT NULL)", Token);
            return new MySqlCrashSource(database, server);
        }

        public override string CdcStream(string offset, string extra)
        {
            var account = server.Replication;
            return $"""
                cdc_stream("type" = "mysql", "jdbc_url" = "jdbc:mysql://{account.Host}:{account.Port}", "user" = "{account.User}", "password" = "{account.Password}",
                  "database" = "{database.Name}", "table" = "t", "offset" = "{offset}"{extra})
                """;
        }

        public override async Task<List<string>> RowsAsync()
        {
            await using var session = await MySqlSession.OpenAsync(server.Admin.Options(database.Name), Token);
            var rows = await session.QueryRowsAsync("SELECT id, v, version FROM t ORDER BY id", Token);
            return [.. rows.Select(r => string.Join(",", r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))))];
        }

        public override ValueTask DisposeAsync() => database.DisposeAsync();

        protected override string Series(int rows) => $"SELECT seq, CONCAT('row ', seq), 0 FROM seq_1_to_{rows}";

        protected override Task ExecuteAsync(string sql) => database.Admin.ExecuteAsync(sql, Token);
    }
}
