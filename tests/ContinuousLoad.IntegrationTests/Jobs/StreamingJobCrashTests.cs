using System.Globalization;
using System.Text;
using ContinuousLoad.IntegrationTests.Host;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Jobs;

/// <summary>
/// The host is killed (SIGKILL) at random moments while a job loads, and restarted on the same data:
/// the table must end with every row exactly once, and the job's statistics must count each task once.
/// </summary>
public sealed class StreamingJobCrashTests(S3Server s3, AzuriteServer azurite)
{
    private const int Kills = 10;
    private const int FilesPerRound = 8;
    private const int RowsPerFile = 500;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory(Timeout = 300_000)]
    [MemberData(nameof(JobBackend.All), MemberType = typeof(JobBackend))]
    public async Task Killing_the_host_during_loads_loses_and_duplicates_nothing(string backend)
    {
        await using var durable = JobBackend.Create(backend, azurite, new Dictionary<string, string?>
        {
            ["ContinuousLoad:Durable:LeaseSecond"] = "2",
            ["ContinuousLoad:Jobs:TaskRetryIntervalSecond"] = "0.2",
        });
        var folder = TestNames.ForCurrentTest("s3") + "/";
        var database = TestNames.ForCurrentTest("crash", maxLength: 40);
        await s3.DeletePrefixAsync(folder, Token);
        using var directory = new TemporaryDirectory();
        var url = $"http://127.0.0.1:{HostProcess.FreeLoopbackPort()}";
        var random = new Random(20261121);
        var files = 0;
        var logs = new StringBuilder();
        var host = await StartAsync(directory.Path, url, durable);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(url) };
            var sql = new JobSql(client, database);
            await sql.RunAsync($"CREATE DATABASE {database}");
            await sql.RunAsync("CREATE TABLE t (k INT, v STRING) DUPLICATE KEY(k)");
            files = await PutRoundAsync(folder, files);
            await sql.RunAsync($"""
                CREATE JOB crash ON STREAMING PROPERTIES ("max_interval" = "1", "s3.max_batch_files" = "2")
                DO INSERT INTO {database}.t SELECT c1, c2 FROM S3("uri" = "s3://{s3.Bucket}/{folder}*.csv", "format" = "csv",
                  "column_separator" = ",", {s3.TvfParameters})
                """);

            for (var kill = 0; kill < Kills; kill++)
            {
                files = await PutRoundAsync(folder, files);
                await sql.WaitUntilAsync(async () => await sql.CountAsync("t") > 0, "the first rows");
                await Task.Delay(random.Next(50, 1200), Token);
                host.Kill();
                await host.DisposeAsync();
                logs.AppendLine(host.Output);
                host = await StartAsync(directory.Path, url, durable);
            }

            var expected = (long)files * RowsPerFile;
            await sql.WaitUntilAsync(async () => await sql.CountAsync("t") >= expected, $"{expected} rows after {Kills} kills", seconds: 120);
            await sql.WaitForOffsetAsync("crash", folder + Name(files - 1));
            await Task.Delay(2000, Token);

            var count = await sql.ScalarAsync("SELECT count(*) FROM t");
            if (count != expected.ToString(CultureInfo.InvariantCulture))
            {
                logs.AppendLine(host.Output);
                Assert.Fail($"{count} rows, not {expected}. Keys loaded twice, by file: " +
                            $"{Rows(await sql.RunAsync("SELECT k DIV 500, count(*) FROM t GROUP BY k DIV 500 HAVING count(*) > 500 ORDER BY 1"))}\n" +
                            $"tasks: {Rows(await sql.RunAsync("SELECT TaskId, Label, Status, RunningOffset, LoadStatistic FROM tasks(\"type\"=\"insert\")"))}\n" +
                            $"hosts:\n{logs}");
            }

            Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), await sql.ScalarAsync("SELECT count(DISTINCT k) FROM t"));
            Assert.Contains($"\"scannedRows\":{expected}", await sql.ScalarAsync("SELECT LoadStatistic FROM jobs(\"type\"=\"insert\") WHERE Name = 'crash'"));
            Assert.Equal($"{{\"fileName\":\"{folder}{Name(files - 1)}\"}}", await sql.ScalarAsync("SELECT CurrentOffset FROM jobs(\"type\"=\"insert\") WHERE Name = 'crash'"));
        }
        finally
        {
            await host.DisposeAsync();
            await s3.DeletePrefixAsync(folder, CancellationToken.None);
        }
    }

    private static async Task<HostProcess> StartAsync(string directory, string url, JobBackend durable)
    {
        var host = HostProcess.Start(directory, url, [.. durable.Arguments]);
        Assert.True(await host.WaitHealthyAsync(TimeSpan.FromSeconds(30), Token), host.Output);
        return host;
    }

    /// <summary>Uploads the next files; keys k are unique across all files, so a duplicate shows in count(DISTINCT k).</summary>
    private async Task<int> PutRoundAsync(string folder, int first)
    {
        for (var file = first; file < first + FilesPerRound; file++)
        {
            var body = new StringBuilder();
            for (var row = 0; row < RowsPerFile; row++)
            {
                body.Append(CultureInfo.InvariantCulture, $"{(file * RowsPerFile) + row},v{row}\n");
            }

            await s3.PutTextAsync(folder + Name(file), body.ToString(), Token);
        }

        return first + FilesPerRound;
    }

    private static string Rows(List<System.Text.Json.JsonElement[]> rows) => string.Join("\n", rows.Select(r => string.Join(" | ", r.Select(v => v.ToString()))));

    private static string Name(int file) => $"f{file:D5}.csv";
}
