using System.Text;
using ContinuousLoad.IntegrationTests.Host;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.StreamLoad;

/// <summary>The host killed in the middle of a load: no partial rows afterwards, and the retry with the same label loads once.</summary>
public sealed class StreamLoadCrashTests(PostgresServer postgres)
{
    private const int RowCount = 200_000;

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(Tables.TestStore.Kinds), MemberType = typeof(Tables.TestStore))]
    public async Task A_load_cut_by_a_crash_leaves_nothing_and_its_retry_loads_once(string kind)
    {
        using var directory = new TemporaryDirectory();
        var url = $"http://127.0.0.1:{HostProcess.FreeLoopbackPort()}";
        string[] settings = kind == "sqlite"
            ? []
            : ["--ContinuousLoad:Tables:Store=postgres", $"--ContinuousLoad:Tables:ConnectionString={postgres.ConnectionString}"];
        var body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(1, RowCount).Select(i => $"{i}\tvalue number {i}\n")));
        var database = TestNames.ForCurrentTest("crash", maxLength: 40);

        await using (var host = await StartAsync(directory, url, settings))
        {
            await using var setup = new StreamLoadClient(url, database, keepDatabase: true);
            await setup.SqlAsync($"DROP DATABASE IF EXISTS {database}", $"CREATE DATABASE {database}", "CREATE TABLE t (k INT, v STRING) UNIQUE KEY(k)");
            await using var http = await RawHttp.ConnectAsync(url);
            await http.SendHeadAsync("PUT", $"/api/{database}/t/_stream_load", $"Content-Length: {body.Length}", "label: crash_once");
            await http.SendAsync(body[..(body.Length * 3 / 4)]);
            await setup.WaitForStateAsync("crash_once", "PREPARE");
            await Task.Delay(500, TestContext.Current.CancellationToken);

            host.Kill();
        }

        await using (await StartAsync(directory, url, settings))
        {
            await using var client = new StreamLoadClient(url, database);
            Assert.Equal(["0"], await client.RowsAsync("SELECT count(*) FROM t"));
            Assert.Equal("UNKNOWN", await client.StateAsync("crash_once"));

            var retry = await client.LoadAsync("t", body, ["label: crash_once"]);
            var again = await client.LoadAsync("t", body, ["label: crash_once"]);

            Assert.Equal(("Success", (long)RowCount), (retry.Status, retry.Loaded));
            Assert.True(again.Status == "Label Already Exists", again.Text);
            Assert.Equal("FINISHED", again.Json.GetProperty("ExistingJobStatus").GetString());
            Assert.Equal([$"{RowCount}|1|{RowCount}"], await client.RowsAsync("SELECT count(*), min(k), max(k) FROM t"));
        }
    }

    private static async Task<HostProcess> StartAsync(TemporaryDirectory directory, string url, string[] settings)
    {
        var host = HostProcess.Start(directory.Path, url, settings);
        Assert.True(await host.WaitHealthyAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken), host.Output);
        return host;
    }
}
