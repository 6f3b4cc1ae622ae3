using ContinuousLoad.IntegrationTests.Host;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Jobs;

/// <summary>
/// <c>s3.ordering</c>: Doris's key order (a late object that sorts before the offset is never loaded)
/// against <c>any</c> (loaded keys are remembered, late ones load too), on the same objects.
/// </summary>
public sealed class StreamingJobOrderingTests(S3Server s3, AzuriteServer azurite)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(JobBackend.All), MemberType = typeof(JobBackend))]
    public async Task Any_order_loads_late_objects_once_and_an_offset_reset_forgets_what_follows_it(string backend)
    {
        await using var durable = JobBackend.Create(backend, azurite);
        var folder = TestNames.ForCurrentTest("s3") + "/";
        var database = TestNames.ForCurrentTest("ord", maxLength: 40);
        await s3.DeletePrefixAsync(folder, Token);
        try
        {
            await using var host = await InProcessHost.StartAsync(durable.Settings);
            var sql = new JobSql(host.Client, database);
            await sql.RunAsync($"CREATE DATABASE {database}");
            await sql.RunAsync("CREATE TABLE keyed (k INT, v STRING) DUPLICATE KEY(k)");
            await sql.RunAsync("CREATE TABLE anyhow (k INT, v STRING) DUPLICATE KEY(k)");
            await s3.PutTextAsync(folder + "b.csv", "2,b\n", Token);
            await s3.PutTextAsync(folder + "c.csv", "3,c\n", Token);

            var source = $"S3(\"uri\" = \"s3://{s3.Bucket}/{folder}*.csv\", \"format\" = \"csv\", \"column_separator\" = \",\", {s3.TvfParameters})";
            await sql.RunAsync($"CREATE JOB keyed_job ON STREAMING PROPERTIES (\"max_interval\" = \"1\") DO INSERT INTO keyed SELECT c1, c2 FROM {source}");
            await sql.RunAsync($"CREATE JOB any_job ON STREAMING PROPERTIES (\"max_interval\" = \"1\", \"s3.ordering\" = \"any\") DO INSERT INTO anyhow SELECT c1, c2 FROM {source}");
            await sql.WaitUntilAsync(async () => await sql.CountAsync("keyed") == 2 && await sql.CountAsync("anyhow") == 2, "the first objects");

            // a.csv arrives late and sorts before the offset; e.csv sorts after it.
            await s3.PutTextAsync(folder + "a.csv", "1,a\n", Token);
            await s3.PutTextAsync(folder + "e.csv", "5,e\n", Token);
            await sql.WaitUntilAsync(async () => await sql.CountAsync("anyhow") == 4 && await sql.CountAsync("keyed") == 3, "the late objects");
            await s3.PutTextAsync(folder + "d.csv", "4,d\n", Token);
            await sql.WaitUntilAsync(async () => await sql.CountAsync("anyhow") == 5, "another late object");

            Assert.Equal("1|2|3|4|5", await StreamingJobTests.Rows(sql, "SELECT k FROM anyhow ORDER BY k"));
            Assert.Equal("2|3|5", await StreamingJobTests.Rows(sql, "SELECT k FROM keyed ORDER BY k"));
            var shown = (await sql.RunAsync("SELECT CurrentOffset, Properties FROM jobs(\"type\"=\"insert\") WHERE Name = 'any_job'")).Single();
            Assert.Equal($"{{\"fileName\":\"{folder}e.csv\"}}", JobSql.Text(shown[0]));
            Assert.Contains("\"s3.ordering\":\"any\"", JobSql.Text(shown[1]), StringComparison.Ordinal);

            // A reset to b.csv loads again what follows it, nothing before it; the ordering itself cannot change.
            await sql.RunAsync("PAUSE JOB WHERE jobName = 'any_job'");
            Assert.Contains("s3.ordering of a streaming job cannot change",
                await sql.FailAsync("ALTER JOB any_job PROPERTIES (\"s3.ordering\" = \"lexicographic\")"));
            await sql.RunAsync($"ALTER JOB any_job PROPERTIES (\"offset\" = '{{\"fileName\":\"{folder}b.csv\"}}')");
            await sql.RunAsync("RESUME JOB WHERE jobName = 'any_job'");
            await sql.WaitUntilAsync(async () => await sql.CountAsync("anyhow") == 8, "the objects after the reset offset");
            await Task.Delay(TimeSpan.FromSeconds(2), Token);
            Assert.Equal("1|2|3|3|4|4|5|5", await StreamingJobTests.Rows(sql, "SELECT k FROM anyhow ORDER BY k"));

            // Two generations of the ledger (before and after the reset); DROP forgets both.
            var ledgerFile = Path.Combine(host.ContentRoot, ".data", "tables", database + ".sqlite");
            Assert.Equal(5 + 3, await LedgerEntriesAsync(ledgerFile));
            await sql.RunAsync("DROP JOB WHERE jobName = 'any_job'");
            await sql.RunAsync("DROP JOB WHERE jobName = 'keyed_job'");
            Assert.Equal(0, await LedgerEntriesAsync(ledgerFile));
            Assert.Equal("0", await sql.ScalarAsync($"SELECT count(*) FROM jobs(\"type\"=\"insert\") WHERE Name IN ('any_job', 'keyed_job')"));
        }
        finally
        {
            await s3.DeletePrefixAsync(folder, CancellationToken.None);
        }
    }

    private static async Task<long> LedgerEntriesAsync(string file)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Token);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM __cl_ledger";
        return (long)(await count.ExecuteScalarAsync(Token))!;
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(JobBackend.All), MemberType = typeof(JobBackend))]
    public async Task An_unknown_ordering_is_refused_with_the_choices(string backend)
    {
        await using var durable = JobBackend.Create(backend, azurite);
        var database = TestNames.ForCurrentTest("ordbad", maxLength: 40);
        await using var host = await InProcessHost.StartAsync(durable.Settings);
        var sql = new JobSql(host.Client, database);
        await sql.RunAsync($"CREATE DATABASE {database}");
        await sql.RunAsync("CREATE TABLE t (k INT, v STRING) DUPLICATE KEY(k)");

        var message = await sql.FailAsync($"""
            CREATE JOB j PROPERTIES ("s3.ordering" = "newest") ON STREAMING DO INSERT INTO t SELECT c1, c2
            FROM S3("uri" = "s3://{s3.Bucket}/x/*.csv", "format" = "csv", {s3.TvfParameters})
            """);

        Assert.Contains("Invalid value for s3.ordering: 'newest'. Use lexicographic", message, StringComparison.Ordinal);
    }
}
