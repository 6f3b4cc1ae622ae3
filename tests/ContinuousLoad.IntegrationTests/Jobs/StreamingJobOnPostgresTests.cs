using ContinuousLoad.IntegrationTests.Host;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Testing;
using Npgsql;

namespace ContinuousLoad.IntegrationTests.Jobs;

/// <summary>
/// The scale-out shape: tables in PostgreSQL (a database of the test's own) and durable state in an Azure
/// Storage task hub (Azurite): a job in any order loads, survives the host being replaced by another one,
/// and is dropped with its ledger.
/// </summary>
public sealed class StreamingJobOnPostgresTests(S3Server s3, PostgresServer postgres, AzuriteServer azurite)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 180_000)]
    public async Task A_job_on_postgres_tables_and_azure_storage_carries_on_in_a_new_host_and_leaves_nothing_behind()
    {
        var folder = TestNames.ForCurrentTest("s3") + "/";
        await s3.DeletePrefixAsync(folder, Token);
        await using var database = await PrivatePostgresDatabase.CreateAsync(postgres, TestNames.ForCurrentTest("pgjob", maxLength: 40), Token);
        var connectionString = database.ConnectionString;
        var taskHub = AzuriteServer.NewTaskHubName();
        var settings = new Dictionary<string, string?>(StreamingJobTests.FastJobs)
        {
            ["ContinuousLoad:Tables:Store"] = "postgres",
            ["ContinuousLoad:Tables:ConnectionString"] = connectionString,
            ["ContinuousLoad:Durable:Backend"] = "azurestorage",
            ["ContinuousLoad:Durable:TaskHub"] = taskHub,
            ["ContinuousLoad:Durable:PartitionLeaseSecond"] = "4",
            ["ContinuousLoad:Durable:PartitionLeaseRenewSecond"] = "1",
            ["ContinuousLoad:Durable:MaxQueuePollingSecond"] = "1",
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            // Hosts that share jobs share the key that seals their secrets.
            ["ContinuousLoad:Secrets:Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        };
        try
        {
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
        finally
        {
            await s3.DeletePrefixAsync(folder, CancellationToken.None);
            await azurite.DeleteTaskHubAsync(taskHub);
        }
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }
}
