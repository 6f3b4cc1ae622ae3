using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ContinuousLoad.IntegrationTests.Durable;
using ContinuousLoad.IntegrationTests.Host;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Jobs;

/// <summary>
/// A job's secret goes through CREATE, loads, PAUSE, ALTER and RESUME — definitions in orchestration
/// inputs, states, history, commands and queued messages — and is then looked for in everything each
/// backend stored: every file under the data directory for SQLite; every table entity, queue message and
/// blob of the task hub for Azure Storage. It is nowhere in the clear.
/// </summary>
public sealed class JobSecretsAtRestTests(S3Server s3, AzuriteServer azurite)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(DurableHarness.Backends), MemberType = typeof(DurableHarness))]
    public async Task A_job_secret_is_stored_only_sealed(string backend)
    {
        var folder = TestNames.ForCurrentTest("s3") + "/";
        var secret = "SECRET" + Guid.NewGuid().ToString("N");
        var taskHub = AzuriteServer.NewTaskHubName();
        var settings = new Dictionary<string, string?>(StreamingJobTests.FastJobs);
        if (backend == "azurestorage")
        {
            settings["ContinuousLoad:Durable:Backend"] = "azurestorage";
            settings["ContinuousLoad:Durable:TaskHub"] = taskHub;
            settings["ContinuousLoad:Durable:MaxQueuePollingSecond"] = "1";
            settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        }

        await s3.DeletePrefixAsync(folder, Token);
        try
        {
            await s3.PutTextAsync(folder + "a.csv", "1,a\n", Token);
            await using var host = await InProcessHost.StartAsync(settings);
            var sql = new JobSql(host.Client, "db");
            await sql.RunAsync("CREATE DATABASE db");
            await sql.RunAsync("CREATE TABLE t (k INT, v STRING) DUPLICATE KEY(k)");
            // s3rver ignores session tokens, so the job runs; the token is a secret parameter like the secret key.
            var source = $"""S3("uri" = "s3://{s3.Bucket}/{folder}*.csv", "format" = "csv", "column_separator" = ",", "s3.session_token" = "{secret}", {s3.TvfParameters})""";
            await sql.RunAsync($"""CREATE JOB sealed ON STREAMING PROPERTIES ("max_interval" = "1") DO INSERT INTO t SELECT c1, c2 FROM {source}""");
            await sql.WaitUntilAsync(async () => await sql.CountAsync("t") == 1, "the first object");
            await sql.RunAsync("PAUSE JOB WHERE jobName = 'sealed'");
            await sql.RunAsync($"""ALTER JOB sealed PROPERTIES ("max_interval" = "2") INSERT INTO t SELECT c1, c2 FROM {source}""");
            await sql.RunAsync("RESUME JOB WHERE jobName = 'sealed'");
            await s3.PutTextAsync(folder + "b.csv", "2,b\n", Token);
            await sql.WaitUntilAsync(async () => await sql.CountAsync("t") == 2, "the object after RESUME");

            var stored = backend == "sqlite" ? FilesUnder(host.ContentRoot) : await TaskHubAsync(taskHub);

            Assert.NotEmpty(stored);
            Assert.DoesNotContain(stored, s => s.Text.Contains(secret, StringComparison.Ordinal));
            Assert.Contains(stored, s => s.Text.Contains("sealed:v1:", StringComparison.Ordinal));
            Assert.Equal("*XXX", (await sql.ScalarAsync("SELECT ExecuteSql FROM jobs(\"type\"=\"insert\")"))!.Split("\"s3.session_token\" = \"")[1][..4]);
        }
        finally
        {
            await s3.DeletePrefixAsync(folder, CancellationToken.None);
            if (backend == "azurestorage")
            {
                await azurite.DeleteTaskHubAsync(taskHub);
            }
        }
    }

    /// <summary>Every file the host wrote, as text (bytes read as Latin-1, so any ASCII secret shows).</summary>
    private static List<(string Where, string Text)> FilesUnder(string root) =>
        [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => (f, Encoding.Latin1.GetString(ReadShared(f))))];

    private static string Gunzip(byte[] packed)
    {
        using var unpacked = new System.IO.Compression.GZipStream(new MemoryStream(packed), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(unpacked, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Every entity of the task hub's tables, every message in its queues and every blob of its containers.</summary>
    private async Task<List<(string Where, string Text)>> TaskHubAsync(string taskHub)
    {
        var stored = new List<(string, string)>();
        var tables = new TableServiceClient(azurite.ConnectionString);
        await foreach (var table in tables.QueryAsync(cancellationToken: Token))
        {
            if (table.Name.StartsWith(taskHub, StringComparison.OrdinalIgnoreCase))
            {
                await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>(cancellationToken: Token))
                {
                    stored.Add((table.Name, string.Join("|", entity.Select(p => $"{p.Key}={p.Value}"))));
                }
            }
        }

        var queues = new QueueServiceClient(azurite.ConnectionString);
        await foreach (var queue in queues.GetQueuesAsync(prefix: taskHub.ToLowerInvariant(), cancellationToken: Token))
        {
            foreach (var message in (await queues.GetQueueClient(queue.Name).PeekMessagesAsync(32, Token)).Value)
            {
                stored.Add((queue.Name, message.Body.ToString()));
            }
        }

        var blobs = new BlobServiceClient(azurite.ConnectionString);
        await foreach (var container in blobs.GetBlobContainersAsync(prefix: taskHub.ToLowerInvariant(), cancellationToken: Token))
        {
            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync(cancellationToken: Token))
            {
                // Large messages and history are kept as gzip blobs: read them unpacked.
                var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync(Token)).Value.Content.ToArray();
                stored.Add((blob.Name, blob.Name.EndsWith(".gz", StringComparison.Ordinal) ? Gunzip(content) : Encoding.Latin1.GetString(content)));
            }
        }

        return stored;
    }
}
