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
/// writes (a change applied twice, or a task committed twice, shows as more). A table-level job reads one table; a
/// database-level job reads five, written by transactions that each span two of them: two large ones read in many
/// ranges, and three small ones between them read whole, two of them in one task.
/// </summary>
public sealed class CdcJobCrashTests(PostgresServer postgres, MariaDbServer mariadb, AzuriteServer azurite)
{
    private const int Rows = 6000;
    private const int KillsWhileSnapshotting = 4;
    private const int KillsWhileStreaming = 6;
    private const int WritesPerRound = 60;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory(Timeout = 300_000)]
    [InlineData("postgres", "table")]
    [InlineData("mysql", "table")]
    [InlineData("postgres", "database")]
    [InlineData("mysql", "database")]
    public async Task Killing_the_host_during_snapshot_and_changes_loses_and_repeats_nothing(string type, string level)
    {
        var tables = level == "table" ? new[] { "t" } : ["t1", "t2", "t3", "t4", "t5"];
        await using var source = await CrashSource.CreateAsync(type, tables, postgres, mariadb);
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
            if (level == "table")
            {
                await sql.RunAsync("CREATE TABLE t (id INT, v STRING, version INT) UNIQUE KEY(id)");
                await sql.RunAsync($"""
                    CREATE JOB cdc_crash ON STREAMING PROPERTIES ("max_interval" = "1")
                    DO INSERT INTO {database}.t SELECT id, v, version FROM cdc_stream("type" = "{type}", {source.Connection}, "table" = "t", "offset" = "initial", "snapshot_split_size" = "60")
                    """);
            }
            else
            {
                await sql.RunAsync($"""
                    CREATE JOB cdc_crash ON STREAMING PROPERTIES ("max_interval" = "1")
                    FROM {type.ToUpperInvariant()} ({source.Connection}, "offset" = "initial", "snapshot_split_size" = "250") TO DATABASE {database}
                    """);
            }

            source.Track(long.Parse((await sql.ScalarAsync("SELECT Id FROM jobs(\"type\"=\"insert\") WHERE Name = 'cdc_crash'"))!, CultureInfo.InvariantCulture));

            var killedWhileSnapshotting = 0;
            for (var kill = 0; kill < KillsWhileSnapshotting; kill++)
            {
                await Task.Delay(random.Next(300, 1500), Token);
                // No offset yet (NULL before the first task) is snapshotting too.
                killedWhileSnapshotting += (await sql.ScalarAsync("SELECT CurrentOffset FROM jobs(\"type\"=\"insert\") WHERE Name = 'cdc_crash'"))?
                    .Contains("binlog-split", StringComparison.Ordinal) == true ? 0 : 1;
                host.Kill();
                await host.DisposeAsync();
                host = await StartAsync(directory.Path, url, durable);
            }

            await sql.WaitUntilAsync(async () => (await sql.ScalarAsync("SELECT CurrentOffset FROM jobs(\"type\"=\"insert\") WHERE Name = 'cdc_crash'"))?
                .Contains("binlog-split", StringComparison.Ordinal) == true, "the snapshot to finish", seconds: 120);
            var writes = 0;
            for (var kill = 0; kill < KillsWhileStreaming; kill++)
            {
                writes += await source.WriteRoundAsync(random, WritesPerRound);
                await Task.Delay(random.Next(50, 1000), Token);
                host.Kill();
                await host.DisposeAsync();
                host = await StartAsync(directory.Path, url, durable);
            }

            foreach (var table in tables)
            {
                await sql.UntilEqualAsync($"SELECT id, v, version FROM {table} ORDER BY id", () => source.RowsAsync(table));
            }

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

    /// <summary>
    /// Source tables <c>(id, v, version)</c> of <see cref="Rows"/> rows in all, in a database (MySQL) or schema (PostgreSQL) of
    /// the test's own, and writes that change one row each — two in one transaction when there are several tables.
    /// </summary>
    private abstract class CrashSource : IAsyncDisposable
    {
        private readonly Dictionary<string, List<long>> _live = [];
        private long _next = Rows + 1;

        protected CrashSource(IReadOnlyList<string> tables)
        {
            Tables = tables;
            int[] sizes = tables.Count == 1 ? [Rows] : [(Rows / 2) - 150, 100, 100, 100, (Rows / 2) - 150];
            for (int i = 0, first = 1; i < tables.Count; first += sizes[i], i++)
            {
                _live[tables[i]] = [.. Enumerable.Range(first, sizes[i]).Select(id => (long)id)];
            }
        }

        public IReadOnlyList<string> Tables { get; }

        /// <summary>The source parameters that reach the server and name the database (and schema), without the type.</summary>
        public abstract string Connection { get; }

        public static async Task<CrashSource> CreateAsync(string type, IReadOnlyList<string> tables, PostgresServer postgres, MariaDbServer mariadb)
        {
            CrashSource source = type == "postgres" ? await PostgresCrashSource.CreateAsync(postgres, tables) : await MySqlCrashSource.CreateAsync(mariadb, tables);
            foreach (var table in tables)
            {
                var ids = source._live[table];
                await source.ExecuteAsync([$"INSERT INTO {source.Qualified(table)} (id, v, version) {source.Series(ids[0], ids[^1])}"]);
            }

            return source;
        }

        public virtual void Track(long jobId)
        {
        }

        public abstract Task<List<string>> RowsAsync(string table);

        /// <summary>Updates (raising the counter), inserts and deletes, each of exactly one row that exists (or, inserted, does not); returns how many ran.</summary>
        public async Task<int> WriteRoundAsync(Random random, int count)
        {
            for (var i = 0; i < count; i += Tables.Count > 1 ? 2 : 1)
            {
                var first = Tables[random.Next(Tables.Count)];
                var statements = new List<string> { Write(random, first, i) };
                if (Tables.Count > 1)
                {
                    statements.Add(Write(random, Tables.First(t => t != first), i + 1));
                }

                await ExecuteAsync(statements);
            }

            return count;
        }

        public abstract ValueTask DisposeAsync();

        protected abstract string Qualified(string table);

        protected abstract string Series(long first, long last);

        /// <summary>Runs the statements as one transaction.</summary>
        protected abstract Task ExecuteAsync(IReadOnlyList<string> statements);

        private string Write(Random random, string table, int i)
        {
            var live = _live[table];
            var index = random.Next(live.Count);
            var id = live[index];
            switch (i % 4)
            {
                case 0:
                    live.RemoveAt(index);
                    return $"DELETE FROM {Qualified(table)} WHERE id = {id}";
                case 1:
                    live.Add(_next);
                    return $"INSERT INTO {Qualified(table)} (id, v, version) VALUES ({_next++}, 'new', 0)";
                default:
                    return $"UPDATE {Qualified(table)} SET v = 'changed', version = version + 1 WHERE id = {id}";
            }
        }
    }

    private sealed class PostgresCrashSource(PostgresScope scope, string schema, PostgresServer server, IReadOnlyList<string> tables) : CrashSource(tables)
    {
        public override string Connection
        {
            get
            {
                var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString);
                return $"""
                    "jdbc_url" = "jdbc:postgresql://{builder.Host}:{builder.Port}/{builder.Database}", "user" = "{builder.Username}",
                      "password" = "{builder.Password}", "schema" = "{schema}"
                    """;
            }
        }

        public static async Task<PostgresCrashSource> CreateAsync(PostgresServer server, IReadOnlyList<string> tables)
        {
            var scope = await PostgresScope.CreateAsync(server.ConnectionString, Token);
            var schema = "s" + scope.Name;
            await scope.ExecuteAsync($"CREATE SCHEMA {schema}", Token);
            scope.DropAtCleanup($"DROP SCHEMA IF EXISTS {schema} CASCADE");
            foreach (var table in tables)
            {
                await scope.ExecuteAsync($"CREATE TABLE {schema}.{table} (id bigint PRIMARY KEY, v text, version int NOT NULL)", Token);
            }

            return new PostgresCrashSource(scope, schema, server, tables);
        }

        public override void Track(long jobId)
        {
            scope.TrackSlot(ReplicationNames.SlotFor("job_" + jobId.ToString(CultureInfo.InvariantCulture)));
            scope.TrackPublication(ReplicationNames.PublicationFor("job_" + jobId.ToString(CultureInfo.InvariantCulture)));
        }

        public override async Task<List<string>> RowsAsync(string table)
        {
            await using var connection = new NpgsqlConnection(scope.ConnectionString);
            await connection.OpenAsync(Token);
            await using var command = new NpgsqlCommand($"SELECT id, v, version FROM {Qualified(table)} ORDER BY id", connection);
            await using var reader = await command.ExecuteReaderAsync(Token);
            var rows = new List<string>();
            while (await reader.ReadAsync(Token))
            {
                rows.Add(string.Join(",", Enumerable.Range(0, 3).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
            }

            return rows;
        }

        public override ValueTask DisposeAsync() => scope.DisposeAsync();

        protected override string Qualified(string table) => $"{schema}.{table}";

        protected override string Series(long first, long last) => $"SELECT i, 'row ' || i, 0 FROM generate_series({first}, {last}) i";

        /// <summary>One command of several statements runs as one transaction.</summary>
        protected override Task ExecuteAsync(IReadOnlyList<string> statements) => scope.ExecuteAsync(string.Join(";\n", statements), Token);
    }

    private sealed class MySqlCrashSource(TestDatabase database, MariaDbServer server, IReadOnlyList<string> tables) : CrashSource(tables)
    {
        public override string Connection
        {
            get
            {
                var account = server.Replication;
                return $"""
                    "jdbc_url" = "jdbc:mysql://{account.Host}:{account.Port}", "user" = "{account.User}", "password" = "{account.Password}",
                      "database" = "{database.Name}"
                    """;
            }
        }

        public static async Task<MySqlCrashSource> CreateAsync(MariaDbServer server, IReadOnlyList<string> tables)
        {
            var database = await TestDatabase.CreateAsync(server, Token);
            foreach (var table in tables)
            {
                await database.Admin.ExecuteAsync($"CREATE TABLE {table} (id BIGINT PRIMARY KEY, v VARCHAR(20), version INT NOT NULL)", Token);
            }

            return new MySqlCrashSource(database, server, tables);
        }

        public override async Task<List<string>> RowsAsync(string table)
        {
            await using var session = await MySqlSession.OpenAsync(server.Admin.Options(database.Name), Token);
            var rows = await session.QueryRowsAsync($"SELECT id, v, version FROM {table} ORDER BY id", Token);
            return [.. rows.Select(r => string.Join(",", r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))))];
        }

        public override ValueTask DisposeAsync() => database.DisposeAsync();

        protected override string Qualified(string table) => table;

        protected override string Series(long first, long last) => $"SELECT seq, CONCAT('row ', seq), 0 FROM seq_{first}_to_{last}";

        protected override async Task ExecuteAsync(IReadOnlyList<string> statements)
        {
            await database.Admin.ExecuteAsync("BEGIN", Token);
            foreach (var statement in statements)
            {
                await database.Admin.ExecuteAsync(statement, Token);
            }

            await database.Admin.ExecuteAsync("COMMIT", Token);
        }
    }
}
