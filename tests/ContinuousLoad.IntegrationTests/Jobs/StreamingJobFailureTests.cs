using System.Globalization;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using ContinuousLoad.IntegrationTests.Host;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Jobs;

/// <summary>How a job fails and recovers: an object-store outage (auto-resume), bad data (filter ratio) and an exhausted auto-resume budget.</summary>
public sealed class StreamingJobFailureTests(S3Server s3, AzuriteServer azurite)
{
    private const string Status = "SELECT Status, ErrorMsg, JobRuntimeMsg FROM jobs(\"type\"=\"insert\")";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(JobBackend.All), MemberType = typeof(JobBackend))]
    public async Task An_outage_pauses_the_job_auto_resume_retries_and_the_job_catches_up_by_itself(string backend)
    {
        await using var durable = JobBackend.Create(backend, azurite, new Dictionary<string, string?>
        {
            ["ContinuousLoad:Jobs:StreamingJobMaxAutoResumeCount"] = "1000",

            // Gaps of 2 and 4 s keep PAUSED in view between attempts even when a failing attempt is slow on a loaded machine.
            ["ContinuousLoad:Jobs:AutoResumeBaseIntervalSecond"] = "1",
            ["ContinuousLoad:Jobs:AutoResumeMaxIntervalSecond"] = "4",
        });
        await using var server = new PrivateS3Server();
        await server.StartAsync(Token);
        using var client = Client(server.Endpoint);
        await Put(client, "in/001.csv", "1,a\n");
        await using var host = await InProcessHost.StartAsync(durable.Settings);
        var sql = await TableAsync(host);
        await sql.RunAsync($"CREATE JOB outage PROPERTIES (\"max_interval\" = \"1\") ON STREAMING DO INSERT INTO t SELECT c1, c2 FROM S3(\"uri\" = \"s3://test-bucket/in/*.csv\", \"format\" = \"csv\", \"column_separator\" = \",\", {server.TvfParameters})");
        await sql.WaitUntilAsync(async () => await sql.CountAsync("t") == 1, "the first file");

        await server.StopAsync(Token);
        await sql.WaitUntilAsync(async () => (await sql.ScalarAsync(Status))?.Equals("PAUSED", StringComparison.Ordinal) == true, "PAUSED after the outage");
        var paused = (await sql.RunAsync(Status)).Single();
        Assert.Contains("GET_REMOTE_DATA_ERROR", JobSql.Text(paused[1]));
        Assert.Contains("Failed to read the source", JobSql.Text(paused[1]));
        await sql.WaitUntilAsync(async () => AutoResumeAttempt((await sql.RunAsync(Status)).Single()[2].GetString()!) >= 3,
            "a few auto-resume attempts");

        await server.StartAsync(Token);
        await Put(client, "in/002.csv", "2,b\n");
        await sql.WaitUntilAsync(async () => await sql.CountAsync("t") == 2, "catching up once the store is back");
        await sql.WaitForOffsetAsync("outage", "in/002.csv");
        var recovered = (await sql.RunAsync(Status)).Single();
        Assert.Equal("RUNNING", JobSql.Text(recovered[0]));
        Assert.Null(JobSql.Text(recovered[1]));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(JobBackend.All), MemberType = typeof(JobBackend))]
    public async Task Auto_resume_gives_up_after_its_budget_with_CANNOT_RESUME_ERR_and_RESUME_starts_again(string backend)
    {
        await using var durable = JobBackend.Create(backend, azurite, new Dictionary<string, string?>
        {
            ["ContinuousLoad:Jobs:StreamingJobMaxAutoResumeCount"] = "2",
        });
        await using var server = new PrivateS3Server();
        await server.StartAsync(Token);
        await using var host = await InProcessHost.StartAsync(durable.Settings);
        var sql = await TableAsync(host);
        await server.StopAsync(Token);
        await sql.RunAsync($"CREATE JOB budget ON STREAMING PROPERTIES (\"max_interval\" = \"1\") DO INSERT INTO t SELECT c1, c2 FROM S3(\"uri\" = \"s3://test-bucket/in/*.csv\", \"format\" = \"csv\", \"column_separator\" = \",\", {server.TvfParameters})");

        await sql.WaitUntilAsync(async () => JobSql.Text((await sql.RunAsync(Status)).Single()[1])?.Contains("CANNOT_RESUME_ERR", StringComparison.Ordinal) == true,
            "the auto-resume budget to run out");
        var dead = (await sql.RunAsync(Status)).Single();
        Assert.Equal("PAUSED", JobSql.Text(dead[0]));
        Assert.Contains("Auto resume failed after 2 attempts. Last error:", JobSql.Text(dead[1]));

        await server.StartAsync(Token);
        using var client = Client(server.Endpoint);
        await Put(client, "in/001.csv", "1,a\n");
        await Task.Delay(1500, Token);
        Assert.Equal(0, await sql.CountAsync("t"));
        await sql.RunAsync("RESUME JOB WHERE jobName = 'budget'");
        await sql.WaitUntilAsync(async () => await sql.CountAsync("t") == 1, "loading after a manual RESUME");
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(JobBackend.All), MemberType = typeof(JobBackend))]
    public async Task Too_many_filtered_rows_pause_the_job_without_auto_resume_until_the_ratio_is_altered(string backend)
    {
        await using var durable = JobBackend.Create(backend, azurite);
        var folder = TestNames.ForCurrentTest("s3") + "/";
        await s3.DeletePrefixAsync(folder, Token);
        try
        {
            await using var host = await InProcessHost.StartAsync(durable.Settings);
            var sql = await TableAsync(host);
            await s3.PutTextAsync(folder + "001.csv", "1,a\nonly-one-field\n3,c\n", Token);
            await sql.RunAsync($"CREATE JOB quality ON STREAMING PROPERTIES (\"max_interval\" = \"1\") DO INSERT INTO t SELECT c1, c2 FROM S3(\"uri\" = \"s3://{s3.Bucket}/{folder}*.csv\", \"format\" = \"csv\", \"column_separator\" = \",\", {s3.TvfParameters})");

            await sql.WaitUntilAsync(async () => (await sql.ScalarAsync(Status)) == "PAUSED", "PAUSED for bad data");
            await Task.Delay(2500, Token);
            var paused = (await sql.RunAsync("SELECT Status, ErrorMsg, FailedTaskCount FROM jobs(\"type\"=\"insert\")")).Single();
            Assert.Equal("PAUSED", JobSql.Text(paused[0]));
            Assert.Contains("TOO_MANY_FAILURE_ROWS_ERR", JobSql.Text(paused[1]));
            Assert.Contains("1 of 3 rows filtered", JobSql.Text(paused[1]));
            Assert.Equal("1", JobSql.Text(paused[2]));
            var task = (await sql.RunAsync("SELECT Status, TrackingUrl, FirstErrorMsg FROM tasks(\"type\"=\"insert\")")).Single();
            Assert.Equal("FAILED", JobSql.Text(task[0]));
            Assert.Contains("/api/_load_error_log?file=", JobSql.Text(task[1]));
            Assert.Contains("less than", JobSql.Text(task[2]));
            Assert.Equal(0, await sql.CountAsync("t"));

            await sql.RunAsync("ALTER JOB quality PROPERTIES (\"session.insert_max_filter_ratio\" = \"0.5\")");
            await sql.RunAsync("RESUME JOB WHERE jobName = 'quality'");
            await sql.WaitUntilAsync(async () => await sql.CountAsync("t") == 2, "the good rows after ALTER and RESUME");
        }
        finally
        {
            await s3.DeletePrefixAsync(folder, CancellationToken.None);
        }
    }

    /// <summary>The attempt number a runtime message names ("Auto resume attempt N at ..." or "Auto resumed (attempt N) after: ..."), 0 when none.</summary>
    private static int AutoResumeAttempt(string runtimeMessage) =>
        Regex.Match(runtimeMessage, @"attempt (\d+)") is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    private static async Task<JobSql> TableAsync(InProcessHost host)
    {
        var database = TestNames.ForCurrentTest("fail", maxLength: 40);
        var sql = new JobSql(host.Client, database);
        await sql.RunAsync($"CREATE DATABASE {database}");
        await sql.RunAsync("CREATE TABLE t (k INT, v STRING) DUPLICATE KEY(k)");
        return sql;
    }

    private static AmazonS3Client Client(string endpoint) =>
        new(new BasicAWSCredentials("S3RVER", "S3RVER"), new AmazonS3Config { ServiceURL = endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    private static Task Put(AmazonS3Client client, string key, string body) =>
        client.PutObjectAsync(new PutObjectRequest { BucketName = "test-bucket", Key = key, ContentBody = body, UseChunkEncoding = false }, Token);
}
