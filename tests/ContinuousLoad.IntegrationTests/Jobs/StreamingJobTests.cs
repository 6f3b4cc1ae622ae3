using System.IO.Compression;
using System.Text;
using ContinuousLoad.IntegrationTests.Host;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Jobs;

/// <summary>S3 streaming jobs end to end, against s3rver: CREATE JOB through the query endpoint, loads, PAUSE/RESUME/ALTER/DROP, jobs() and tasks().</summary>
public sealed class StreamingJobTests(S3Server s3, AzuriteServer azurite)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Fast constants so backoffs and retries happen within a test.</summary>
    internal static readonly Dictionary<string, string?> FastJobs = new()
    {
        ["ContinuousLoad:Jobs:TaskRetryIntervalSecond"] = "0.2",
        ["ContinuousLoad:Jobs:AutoResumeBaseIntervalSecond"] = "0.5",
        ["ContinuousLoad:Jobs:AutoResumeMaxIntervalSecond"] = "2",
        ["ContinuousLoad:Durable:LeaseSecond"] = "5",
    };

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(JobBackend.All), MemberType = typeof(JobBackend))]
    public async Task A_job_loads_files_as_they_arrive_and_follows_pause_resume_alter_and_drop(string backend)
    {
        await using var durable = JobBackend.Create(backend, azurite);
        var folder = TestNames.ForCurrentTest("s3") + "/";
        var database = TestNames.ForCurrentTest("job", maxLength: 40);
        await s3.DeletePrefixAsync(folder, Token);
        await using var host = await InProcessHost.StartAsync(durable.Settings);
        var sql = new JobSql(host.Client, database);
        await sql.RunAsync($"CREATE DATABASE {database}");
        await sql.RunAsync("CREATE TABLE t (k INT, v STRING, n INT) DUPLICATE KEY(k)");
        try
        {
            await s3.PutTextAsync(folder + "in/001.csv", "1,a,10\n2,b,20\n3,skip,0\n", Token);
            await s3.PutBytesAsync(folder + "in/002.csv.gz", Gzip("4,d,40\n5,e,50\n"), Token);
            await s3.PutTextAsync(folder + "other/003.csv", "99,zz,0\n", Token);

            await sql.RunAsync($"""
                CREATE JOB j1 PROPERTIES ("max_interval" = "1s") ON STREAMING COMMENT 'first job'
                DO INSERT INTO {database}.t (k, v, n)
                SELECT cast(c1 as int), upper(c2), cast(c3 as int) * 2 FROM S3("uri" = "s3://{s3.Bucket}/{folder}in/*.csv*", "format" = "csv",
                  "column_separator" = ",", {s3.TvfParameters}) WHERE c2 <> 'skip'
                """);
            await sql.WaitUntilAsync(async () => await sql.CountAsync("t") == 4, "the first two files");
            await sql.WaitForOffsetAsync("j1", $"{folder}in/002.csv.gz");
            Assert.Equal("1,A,20|2,B,40|4,D,80|5,E,100", await Rows(sql, "SELECT k, v, n FROM t ORDER BY k"));

            var job = (await sql.RunAsync("SELECT Name, Status, ExecuteSql, CurrentOffset, SucceedTaskCount, Comment, ErrorMsg, LoadStatistic FROM jobs(\"type\"=\"insert\") WHERE Name = 'j1'")).Single();
            Assert.Equal("j1", JobSql.Text(job[0]));
            Assert.Contains("\"s3.secret_key\" = \"*XXX\"", JobSql.Text(job[2]));
            Assert.Equal($"{{\"fileName\":\"{folder}in/002.csv.gz\"}}", JobSql.Text(job[3]));
            Assert.Equal("first job", JobSql.Text(job[5]));
            Assert.Null(JobSql.Text(job[6])); // no error: NULL, as Doris shows it
            Assert.Contains("\"scannedRows\":5", JobSql.Text(job[7]));

            await s3.PutTextAsync(folder + "in/004.csv", "6,f,60\n", Token);
            await sql.WaitUntilAsync(async () => await sql.CountAsync("t") == 5, "a file that arrived later");

            Assert.Contains("Only PAUSED job can be altered", await sql.FailAsync("ALTER JOB j1 PROPERTIES (\"max_interval\" = \"2\")"));
            await sql.RunAsync("PAUSE JOB WHERE jobName = 'j1'");
            Assert.Equal("PAUSED", await sql.ScalarAsync("SELECT Status FROM jobs(\"type\"=\"insert\") WHERE Name = 'j1'"));
            Assert.Contains("MANUAL_PAUSE_ERR", await sql.ScalarAsync("SELECT ErrorMsg FROM jobs(\"type\"=\"insert\") WHERE Name = 'j1'"));
            await s3.PutTextAsync(folder + "in/005.csv", "7,g,70\n", Token);
            await Task.Delay(2500, Token);
            Assert.Equal(5, await sql.CountAsync("t"));

            Assert.Contains("No properties or sql changed", await sql.FailAsync("ALTER JOB j1"));
            Assert.Contains("Invalid properties: [bogus]", await sql.FailAsync("ALTER JOB j1 PROPERTIES (\"bogus\" = \"1\")"));
            await sql.RunAsync("ALTER JOB j1 PROPERTIES (\"max_interval\" = \"2\")");
            Assert.Contains("\"max_interval\":\"2\"", await sql.ScalarAsync("SELECT Properties FROM jobs(\"type\"=\"insert\") WHERE Name = 'j1'"));

            await sql.RunAsync("RESUME JOB WHERE jobName = 'j1'");
            await sql.WaitUntilAsync(async () => await sql.CountAsync("t") == 6, "catching up after RESUME");
            await sql.WaitForOffsetAsync("j1", $"{folder}in/005.csv");

            var tasks = await sql.RunAsync("SELECT TaskId, Label, Status, RunningOffset FROM tasks(\"type\"=\"insert\") WHERE JobName = 'j1' ORDER BY TaskId");
            Assert.True(tasks.Count >= 3);
            Assert.All(tasks, t => Assert.Equal("SUCCESS", JobSql.Text(t[2])));
            Assert.All(tasks, t => Assert.EndsWith("_" + JobSql.Text(t[0]), JobSql.Text(t[1])));

            await sql.RunAsync("DROP JOB WHERE jobName = 'j1'");
            Assert.Empty(await sql.RunAsync("SELECT * FROM jobs(\"type\"=\"insert\") WHERE Name = 'j1'"));
            Assert.Contains("does not exist", await sql.FailAsync("DROP JOB WHERE jobName = 'j1'"));
            await sql.RunAsync("DROP JOB IF EXISTS WHERE jobName = 'j1'");
            await s3.PutTextAsync(folder + "in/006.csv", "8,h,80\n", Token);
            await Task.Delay(2000, Token);
            Assert.Equal(6, await sql.CountAsync("t"));
        }
        finally
        {
            await s3.DeletePrefixAsync(folder, CancellationToken.None);
        }
    }

    internal static async Task<string> Rows(JobSql sql, string query) =>
        string.Join("|", (await sql.RunAsync(query)).Select(r => string.Join(",", r.Select(JobSql.Text))));

    internal static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }
}
