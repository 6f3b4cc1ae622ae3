using System.Globalization;
using System.Text;
using ContinuousLoad.IntegrationTests.Host;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Testing;
using Npgsql;

namespace ContinuousLoad.IntegrationTests.Jobs;

/// <summary>
/// The scale-out shape: tables in PostgreSQL (a database of the test's own), durable state in an Azure
/// Storage task hub on Azurite, hosts sharing both. Leases are shortened for the tests (a partition is
/// taken over after 4 s, a held step after the lease) so takeovers happen within seconds.
/// </summary>
public sealed class StreamingJobScaleOutTests(S3Server s3, PostgresServer postgres, AzuriteServer azurite)
{
    private const int Jobs = 50;
    private const int RowsPerFile = 20;

    /// <summary>What DurableTask.AzureStorage logs when a host takes a partition.</summary>
    private const string LeaseAcquired = "Successfully acquired";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A job in any order loads, survives its host being replaced by another, and is dropped with its ledger.</summary>
    [Fact(Timeout = 180_000)]
    public async Task A_job_carries_on_in_a_new_host_and_leaves_nothing_behind()
    {
        await using var shape = await ShapeAsync("pgjob");
        var (folder, connectionString, settings) = (shape.Folder, shape.Tables.ConnectionString, shape.Durable.Settings);
        await s3.PutTextAsync(folder + "b.csv", "2,b\n", Token);
        await using (var first = await InProcessHost.StartAsync(settings))
        {
            var sql = new JobSql(first.Client, "shop");
            await sql.RunAsync("CREATE DATABASE shop");
            await sql.RunAsync("CREATE TABLE t (k INT, v STRING) DUPLICATE KEY(k)");
            await sql.RunAsync($"""
                CREATE JOB pg_job ON STREAMING PROPERTIES ("max_interval" = "1", "s3.ordering" = "any")
                DO INSERT INTO t SELECT c1, c2 FROM S3("uri" = "s3://{s3.Bucket}/{folder}*.csv", "format" = "csv", "column_separator" = ",", {s3.TvfParameters})
                """);
            await sql.WaitUntilAsync(async () => await sql.CountAsync("t") == 1, "the first object");
        }

        // Another host on the same stores takes the job over (after the lease) and keeps its memory of loaded keys.
        await s3.PutTextAsync(folder + "a.csv", "1,a\n", Token);
        await s3.PutTextAsync(folder + "c.csv", "3,c\n", Token);
        await using (var second = await InProcessHost.StartAsync(settings))
        {
            var sql = new JobSql(second.Client, "shop");
            await sql.WaitUntilAsync(async () => await sql.CountAsync("t") == 3, "the objects that came while no host ran");
            Assert.Equal("1,a|2,b|3,c", await StreamingJobTests.Rows(sql, "SELECT k, v FROM t ORDER BY k"));
            Assert.Equal("RUNNING", await sql.ScalarAsync("SELECT Status FROM jobs(\"type\"=\"insert\") WHERE Name = 'pg_job'"));
            Assert.Equal(3L, await CountAsync(connectionString, "SELECT count(*) FROM cl_catalog.ledger"));

            await sql.RunAsync("DROP JOB WHERE jobName = 'pg_job'");
            Assert.Equal("0", await sql.ScalarAsync("SELECT count(*) FROM jobs(\"type\"=\"insert\")"));
            Assert.Equal(0L, await CountAsync(connectionString, "SELECT count(*) FROM cl_catalog.ledger"));
        }
    }

    /// <summary>
    /// Two host processes run 50 jobs; one is killed with SIGKILL while they load, and the survivor takes
    /// over its partitions: every job goes on, each row loaded exactly once.
    /// </summary>
    [Fact(Timeout = 420_000)]
    public async Task Two_hosts_share_50_jobs_and_the_survivor_finishes_every_job_of_the_one_killed()
    {
        await using var shape = await ShapeAsync("scale", leaseSeconds: 4);
        var (folder, durable) = (shape.Folder, shape.Durable);
        using var survivorDirectory = new TemporaryDirectory();
        using var victimDirectory = new TemporaryDirectory();
        await using var survivor = await StartAsync(survivorDirectory, durable);
        var victim = await StartAsync(victimDirectory, durable);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(survivor.Url) };
            var sql = new JobSql(client, "shop");
            await sql.RunAsync("CREATE DATABASE shop");
            await sql.RunAsync("CREATE TABLE t (k BIGINT, job INT, v STRING) DUPLICATE KEY(k)");
            var files = 0;
            files = await PutRoundAsync(folder, files);
            for (var job = 0; job < Jobs; job++)
            {
                await sql.RunAsync($"""
                    CREATE JOB scale_{job} ON STREAMING PROPERTIES ("max_interval" = "1", "s3.max_batch_files" = "1")
                    DO INSERT INTO t SELECT c1, c2, c3 FROM S3("uri" = "s3://{s3.Bucket}/{folder}{job:D2}/*.csv", "format" = "csv",
                      "column_separator" = ",", {s3.TvfParameters})
                    """);
            }

            // Both hosts take part, then one dies in the middle of loading while more files arrive.
            await sql.WaitUntilAsync(async () => await sql.CountAsync("t") >= Jobs * RowsPerFile / 2, "the jobs to start loading", seconds: 120);
            files = await PutRoundAsync(folder, files);
            Assert.True(await victim.WaitForOutputAsync(LeaseAcquired, TimeSpan.FromSeconds(60), Token), "the second host never owned a partition");
            var survivorLeases = Occurrences(survivor.Output, LeaseAcquired);
            victim.Kill();
            await victim.DisposeAsync();
            files = await PutRoundAsync(folder, files);

            var expected = (long)Jobs * files * RowsPerFile;
            await sql.WaitUntilAsync(async () => await sql.CountAsync("t") >= expected, $"{expected} rows", seconds: 240);
            for (var job = 0; job < Jobs; job++)
            {
                await sql.WaitForOffsetAsync($"scale_{job}", $"{folder}{job:D2}/{Name(files - 1)}");
            }

            Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), await sql.ScalarAsync("SELECT count(*) FROM t"));
            Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), await sql.ScalarAsync("SELECT count(DISTINCT k) FROM t"));
            Assert.Equal(Jobs.ToString(CultureInfo.InvariantCulture), await sql.ScalarAsync("SELECT count(*) FROM jobs(\"type\"=\"insert\") WHERE Status = 'RUNNING'"));
            Assert.Equal($"{Jobs * files}", await sql.ScalarAsync("SELECT sum(SucceedTaskCount) FROM jobs(\"type\"=\"insert\")"));
            Assert.True(Occurrences(survivor.Output, LeaseAcquired) > survivorLeases, "the survivor took over no partition");
        }
        finally
        {
            await victim.DisposeAsync();
        }
    }

    private static async Task<HostProcess> StartAsync(TemporaryDirectory directory, JobBackend durable)
    {
        var host = HostProcess.Start(directory.Path, null, [.. durable.Arguments]);
        Assert.True(await host.WaitHealthyAsync(TimeSpan.FromSeconds(60), Token), host.Output);
        return host;
    }

    /// <summary>One more file for every job; keys are unique across all files, so a row loaded twice shows in count(DISTINCT k).</summary>
    private async Task<int> PutRoundAsync(string folder, int file)
    {
        await Task.WhenAll(Enumerable.Range(0, Jobs).Select(job =>
        {
            var body = new StringBuilder();
            for (var row = 0; row < RowsPerFile; row++)
            {
                body.Append(CultureInfo.InvariantCulture, $"{((long)job * 1_000_000) + (file * RowsPerFile) + row},{job},r\n");
            }

            return s3.PutTextAsync($"{folder}{job:D2}/{Name(file)}", body.ToString(), Token);
        }));
        return file + 1;
    }

    private static string Name(int file) => $"f{file:D4}.csv";

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }

    /// <summary>A folder, a table database and a task hub of the test's own, removed at the end.</summary>
    private async Task<Shape> ShapeAsync(string name, int leaseSeconds = 5)
    {
        var folder = TestNames.ForCurrentTest("s3") + "/";
        await s3.DeletePrefixAsync(folder, Token);
        var tables = await PrivatePostgresDatabase.CreateAsync(postgres, TestNames.ForCurrentTest(name, maxLength: 40), Token);
        var durable = JobBackend.Create("azurestorage", azurite, new Dictionary<string, string?>
        {
            ["ContinuousLoad:Tables:Store"] = "postgres",
            ["ContinuousLoad:Tables:ConnectionString"] = tables.ConnectionString,
            ["ContinuousLoad:Durable:LeaseSecond"] = leaseSeconds.ToString(CultureInfo.InvariantCulture),
        });
        return new Shape(folder, tables, durable, s3);
    }

    private sealed record Shape(string Folder, PrivatePostgresDatabase Tables, JobBackend Durable, S3Server S3) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await S3.DeletePrefixAsync(Folder, CancellationToken.None);
            await Durable.DisposeAsync();
            await Tables.DisposeAsync();
        }
    }
}
