using System.Text.Json;
using ContinuousLoad.IntegrationTests.Host;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Testing;
using Microsoft.Data.Sqlite;

namespace ContinuousLoad.IntegrationTests.Jobs;

/// <summary>
/// A job of the runtime before the Durable Task SDK, as it lay in <c>durable.db</c> (its state unversioned,
/// offsets plain keys, a load open, the secret in the clear), is carried over when the new build starts:
/// it continues where it was, its open load re-runs under its label, and its secret is then stored sealed.
/// </summary>
public sealed class PreviousRuntimeJobsTests(S3Server s3)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 180_000)]
    public async Task A_job_of_the_previous_runtime_continues_where_it_was_and_loads_nothing_twice()
    {
        var folder = TestNames.ForCurrentTest("s3") + "/";
        await s3.DeletePrefixAsync(folder, Token);
        using var data = new TemporaryDirectory();
        var settings = new Dictionary<string, string?>(StreamingJobTests.FastJobs) { ["ContinuousLoad:DataDirectory"] = data.Path };
        try
        {
            await s3.PutTextAsync(folder + "a.csv", "1,a\n", Token);
            await s3.PutTextAsync(folder + "b.csv", "2,b\n", Token);
            await s3.PutTextAsync(folder + "c.csv", "3,c\n", Token);
            await using (var first = await InProcessHost.StartAsync(settings))
            {
                var sql = new JobSql(first.Client, "db");
                await sql.RunAsync("CREATE DATABASE db");
                await sql.RunAsync("CREATE TABLE t (k INT, v STRING) DUPLICATE KEY(k)");
                await sql.RunAsync("INSERT INTO t VALUES (1, 'a')");
            }

            // As the previous runtime left it: a.csv loaded, b.csv in a task that was running.
            var insert = $"""INSERT INTO `db`.`t` SELECT `c1`, `c2` FROM S3("uri" = "s3://{s3.Bucket}/{folder}*.csv", "format" = "csv", "column_separator" = ",", {s3.TvfParameters})""";
            WritePreviousRuntime(Path.Combine(data.Path, "durable.db"), insert, folder);

            await using var second = await InProcessHost.StartAsync(settings);
            var jobs = new JobSql(second.Client, "db");
            await jobs.WaitForOffsetAsync("old_job", folder + "c.csv");

            Assert.Equal("1,a|2,b|3,c", await StreamingJobTests.Rows(jobs, "SELECT k, v FROM t ORDER BY k"));
            Assert.Equal("RUNNING", await jobs.ScalarAsync("SELECT Status FROM jobs(\"type\"=\"insert\") WHERE Name = 'old_job'"));
            Assert.Equal("3", await jobs.ScalarAsync("SELECT SucceedTaskCount FROM jobs(\"type\"=\"insert\") WHERE Name = 'old_job'"));
            Assert.True(File.Exists(Path.Combine(data.Path, "durable.db.imported")));
            Assert.False(File.Exists(Path.Combine(data.Path, "durable.db")));
        }
        finally
        {
            await s3.DeletePrefixAsync(folder, CancellationToken.None);
        }
    }

    /// <summary>The previous runtime's instance table with one running job, its state in that runtime's layout.</summary>
    private static void WritePreviousRuntime(string path, string insert, string folder)
    {
        var created = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var state = new
        {
            Definition = new
            {
                Id = 1700000000000L, Name = "old_job", Definer = "root", CreatedUtc = created, Comment = "", Database = "db", Table = "t",
                InsertSql = insert, Properties = new Dictionary<string, string> { ["max_interval"] = "1" },
            },
            Status = "RUNNING",
            Offset = folder + "a.csv",
            EndOffset = folder + "b.csv",
            NextTaskId = 3,
            SucceedTaskCount = 1,
            Statistic = new { scannedRows = 1, loadBytes = 4, fileNumber = 1, fileSize = 4, filteredRows = 0 },
            Tasks = new object[]
            {
                new { TaskId = 1, Label = "1700000000000_1", Status = "SUCCESS", CreateUtc = created, StartFileName = (string?)null, EndFileName = folder + "a.csv", Objects = Array.Empty<object>() },
                new { TaskId = 2, Label = "1700000000000_2", Status = "RUNNING", CreateUtc = created, StartFileName = (string?)(folder + "a.csv"), EndFileName = folder + "b.csv",
                    Objects = new[] { new { Key = folder + "b.csv", Size = 4L, LastModifiedUtc = created } } },
            },
            RuntimeMsg = "",
            LoadAttempt = 2,
        };
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE instances (instance_id TEXT NOT NULL PRIMARY KEY, execution_id TEXT NOT NULL, name TEXT NOT NULL, runtime_status TEXT NOT NULL,
                generation INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL, last_updated_at INTEGER NOT NULL, completed_at INTEGER,
                input TEXT, output TEXT, custom_status TEXT, failure_details TEXT, lock_owner TEXT, lock_token TEXT, lock_expires_at INTEGER);
            INSERT INTO instances (instance_id, execution_id, name, runtime_status, created_at, last_updated_at, custom_status)
            VALUES ('job-old_job', 'e1', 'StreamingJobOrchestrator', 'Running', 0, 0, $state);
            """;
        command.Parameters.AddWithValue("$state", JsonSerializer.Serialize(state));
        command.ExecuteNonQuery();
    }
}
