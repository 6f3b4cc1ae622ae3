using System.Text;
using ContinuousLoad.IntegrationTests.Host;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Jobs;

/// <summary>PAUSE during a long load stops it: the load rolls back, and RESUME loads the task once, under its label.</summary>
public sealed class StreamingJobInterruptTests(S3Server s3, AzuriteServer azurite)
{
    private const int Rows = 2_000_000;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory(Timeout = 240_000)]
    [MemberData(nameof(JobBackend.All), MemberType = typeof(JobBackend))]
    public async Task Pause_rolls_back_the_running_load_and_resume_loads_it_once(string backend)
    {
        await using var durable = JobBackend.Create(backend, azurite);
        var folder = TestNames.ForCurrentTest("s3") + "/";
        var database = TestNames.ForCurrentTest("intr", maxLength: 40);
        await s3.DeletePrefixAsync(folder, Token);
        try
        {
            var body = new StringBuilder(Rows * 12);
            for (var i = 0; i < Rows; i++)
            {
                body.Append(i).Append(",row\n");
            }

            await s3.PutTextAsync(folder + "big.csv", body.ToString(), Token);
            await using var host = await InProcessHost.StartAsync(durable.Settings);
            var sql = new JobSql(host.Client, database);
            await sql.RunAsync($"CREATE DATABASE {database}");
            await sql.RunAsync("CREATE TABLE t (k INT, v STRING) DUPLICATE KEY(k)");
            await sql.RunAsync($"""
                CREATE JOB big ON STREAMING PROPERTIES ("max_interval" = "1")
                DO INSERT INTO t SELECT c1, c2 FROM S3("uri" = "s3://{s3.Bucket}/{folder}*.csv", "format" = "csv", "column_separator" = ",", {s3.TvfParameters})
                """);
            await sql.WaitUntilAsync(async () => await sql.ScalarAsync("SELECT Status FROM tasks(\"type\"=\"insert\") WHERE JobName = 'big'") == "RUNNING",
                "the task to start");
            var label = (await sql.ScalarAsync("SELECT Label FROM tasks(\"type\"=\"insert\") WHERE JobName = 'big'"))!;
            async Task<string> LoadState()
            {
                using var ask = new HttpRequestMessage(HttpMethod.Get, $"/api/{database}/get_load_state?label={label}");
                ask.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", BasicAuthorization.Parameter("root:"));
                using var answer = await host.Client.SendAsync(ask, Token);
                return await answer.Content.ReadAsStringAsync(Token);
            }

            // The load's transaction is open (its label PREPARE) before the PAUSE, so the PAUSE interrupts a load under way.
            await sql.WaitUntilAsync(async () => (await LoadState()).Contains("\"PREPARE\"", StringComparison.Ordinal), "the load to begin writing");

            await sql.RunAsync("PAUSE JOB WHERE jobName = 'big'");
            Assert.Equal("CANCELED", await sql.ScalarAsync("SELECT Status FROM tasks(\"type\"=\"insert\") WHERE JobName = 'big'"));

            // The interrupted load notices within a second or so and rolls back: its label ends free, not VISIBLE.
            string state;
            do
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), Token);
                state = await LoadState();
            }
            while (state.Contains("\"PREPARE\"", StringComparison.Ordinal));

            Assert.Contains("\"data\":\"UNKNOWN\"", state, StringComparison.Ordinal);
            Assert.Equal(0, await sql.CountAsync("t"));

            await sql.RunAsync("RESUME JOB WHERE jobName = 'big'");
            await sql.WaitUntilAsync(async () => await sql.CountAsync("t") == Rows, "the resumed load", seconds: 180);
            Assert.Equal(Rows.ToString(System.Globalization.CultureInfo.InvariantCulture), await sql.ScalarAsync("SELECT count(DISTINCT k) FROM t"));
            await sql.WaitUntilAsync(async () => await sql.ScalarAsync("SELECT Status FROM tasks(\"type\"=\"insert\") WHERE JobName = 'big'") == "SUCCESS",
                "the task to be recorded");
            Assert.Contains($"\"scannedRows\":{Rows}", await sql.ScalarAsync("SELECT LoadStatistic FROM jobs(\"type\"=\"insert\") WHERE Name = 'big'"));
            await sql.RunAsync("DROP JOB WHERE jobName = 'big'");
        }
        finally
        {
            await s3.DeletePrefixAsync(folder, CancellationToken.None);
        }
    }
}
