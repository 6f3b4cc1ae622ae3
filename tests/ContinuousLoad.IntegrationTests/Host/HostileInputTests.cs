using System.Diagnostics;
using System.Net;
using System.Text;
using ContinuousLoad.IntegrationTests.Jobs;
using ContinuousLoad.IntegrationTests.StreamLoad;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Host;

/// <summary>
/// Hostile input against the app as a real process: a stack overflow there would end the process, which
/// no in-process test could survive to report. Every request must end in a clear error, and the host
/// must keep answering <c>/api/health</c> after each.
/// </summary>
public sealed class HostileInputTests
{
    private const string DepthMessage = "Exceeded the maximum depth of an expression tree (1000).";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Nested(string open, string middle, string close, int levels) =>
        new StringBuilder().Insert(0, open, levels).Append(middle).Insert(open.Length * levels + middle.Length, close, levels).ToString();

    [Fact(Timeout = 180_000)]
    public async Task Deep_nesting_in_statements_headers_and_bodies_is_refused_and_the_host_keeps_answering()
    {
        using var directory = new TemporaryDirectory();
        await using var host = HostProcess.Start(directory.Path);
        Assert.True(await host.WaitHealthyAsync(TimeSpan.FromSeconds(30), Token), host.Output);
        await using var client = new StreamLoadClient(host.Url, "hostile", keepDatabase: true);
        var sql = new JobSql(client.Http, "hostile");
        await sql.RunAsync("CREATE DATABASE hostile");
        await sql.RunAsync("CREATE TABLE t (k INT, v INT) DUPLICATE KEY(k)");

        async Task StillHealthy(string after)
        {
            Assert.False(host.HasExited, $"the host died after {after}:\n{host.Output}");
            Assert.True(await host.WaitHealthyAsync(TimeSpan.FromSeconds(10), Token), $"no health after {after}:\n{host.Output}");
        }

        foreach (var levels in new[] { 5_000, 100_000 })
        {
            Assert.Contains(DepthMessage, await sql.FailAsync("SELECT " + Nested("(", "1", ")", levels)));
            await StillHealthy($"a query nested {levels} levels");
        }

        Assert.Contains(DepthMessage, await sql.FailAsync("SELECT 1" + string.Concat(Enumerable.Repeat(" + 1", 100_000))));
        await StillHealthy("a chain of 100,000 additions");
        Assert.Contains(DepthMessage, await sql.FailAsync("SELECT * FROM t WHERE " + Nested("NOT ", "k = 1", "", 100_000)));
        await StillHealthy("100,000 NOTs");

        var where = await client.LoadAsync("t", "1,2\n", "column_separator: ,", "where: " + Nested("(", "k > 0", ")", 5_000));
        Assert.Equal("Fail", where.Status);
        Assert.Contains(DepthMessage, where.Message, StringComparison.Ordinal);
        await StillHealthy("a where header nested 5,000 levels");

        var columns = await client.LoadAsync("t", "1,2\n", "column_separator: ,", "columns: k, x, v = " + Nested("abs(", "x", ")", 5_000));
        Assert.Equal("Fail", columns.Status);
        Assert.Contains(DepthMessage, columns.Message, StringComparison.Ordinal);
        await StillHealthy("a columns header nested 5,000 levels");

        foreach (var body in new[] { Nested("[", "1", "]", 100_000), Nested("{\"a\":", "1", "}", 100_000) })
        {
            var json = await client.LoadAsync("t", body, "format: json");
            Assert.Equal("Fail", json.Status);
            await StillHealthy($"a JSON body nested 100,000 levels ({body[..10]}...)");
            var lines = await client.LoadAsync("t", body + "\n{\"k\": 1, \"v\": 2}\n", "format: json", "read_json_by_line: true", "max_filter_ratio: 0.9");
            Assert.Equal(1, lines.Filtered);
            Assert.Equal(1, lines.Loaded);
            await StillHealthy("a JSON line nested 100,000 levels");
        }

        Assert.Equal("2", await sql.ScalarAsync("SELECT count(*) FROM t"));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_runaway_cross_join_stops_at_its_timeout_with_Doris_message_and_leaves_the_cpu_idle()
    {
        using var directory = new TemporaryDirectory();
        await using var host = HostProcess.Start(directory.Path);
        Assert.True(await host.WaitHealthyAsync(TimeSpan.FromSeconds(30), Token), host.Output);
        await using var client = new StreamLoadClient(host.Url, "runaway", keepDatabase: true);
        var sql = new JobSql(client.Http, "runaway");
        await sql.RunAsync("CREATE DATABASE runaway");
        var rows = string.Concat(Enumerable.Range(1, 2_000).Select(i => $"{i}\n"));
        foreach (var table in new[] { "a", "b", "c" })
        {
            await sql.RunAsync($"CREATE TABLE {table} (k INT) DUPLICATE KEY(k)");
            Assert.Equal("Success", (await client.LoadAsync(table, rows)).Status);
        }

        // 8 billion row combinations: minutes of work without a limit.
        var clock = Stopwatch.StartNew();
        var message = await sql.FailAsync("SELECT /*+ SET_VAR(query_timeout = 2) */ count(*) FROM a, b, c");
        Assert.Contains("Query exceeded time limit of 2 seconds", message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the answer took {clock.Elapsed}");

        // Stopped means stopped: over the next two seconds the host uses a fraction of one core, not all of it.
        var before = host.ProcessorTime;
        await Task.Delay(TimeSpan.FromSeconds(2), Token);
        var used = host.ProcessorTime - before;
        Assert.True(used < TimeSpan.FromSeconds(1), $"the host used {used.TotalSeconds:0.00} s of CPU in the 2 s after the timeout");

        // The session default applies without a hint once SET GLOBAL changes it; a scan limit stops the same query sooner.
        await sql.RunAsync("SET GLOBAL query_timeout = 1");
        Assert.Contains("Query exceeded time limit of 1 seconds", await sql.FailAsync("SELECT count(*) FROM a, b, c"), StringComparison.Ordinal);
        await sql.RunAsync("SET GLOBAL query_timeout = DEFAULT");
        Assert.Contains("max_scan_rows", await sql.FailAsync("SELECT /*+ SET_VAR(max_scan_rows = 1000000) */ count(*) FROM a, b, c"), StringComparison.Ordinal);
        Assert.Equal("2000", await sql.ScalarAsync("SELECT /*+ SET_VAR(max_scan_rows = 1000000) */ count(*) FROM a WHERE k > 0"));
        Assert.Equal(3, (await sql.RunAsync("SELECT /*+ SET_VAR(sql_select_limit = 3) */ k FROM a ORDER BY k")).Count);
        Assert.Contains("Unknown system variable 'query_timout'", await sql.FailAsync("SELECT /*+ SET_VAR(query_timout = 1) */ 1"), StringComparison.Ordinal);
        Assert.True(await host.WaitHealthyAsync(TimeSpan.FromSeconds(10), Token), host.Output);
    }

    [Fact(Timeout = 120_000)]
    public async Task Requests_past_the_size_rate_and_concurrency_limits_get_clear_answers()
    {
        await using var host = await KestrelHost.StartAsync(new Dictionary<string, string?>
        {
            ["ContinuousLoad:Limits:MaxRequestHeaderBytes"] = "8192",
            ["ContinuousLoad:Limits:MaxStatementLength"] = "1000",
            ["ContinuousLoad:Limits:MaxConcurrentStreamLoads"] = "1",
            ["ContinuousLoad:Limits:MaxLoadColumns"] = "3",
        });
        await using var client = new StreamLoadClient(host.Url, "limits");
        var sql = new JobSql(client.Http, "limits");
        await sql.RunAsync("CREATE DATABASE limits");
        await sql.RunAsync("CREATE TABLE t (k INT, v INT) DUPLICATE KEY(k)");

        // Statement length, and the request body that carries it.
        Assert.Contains("more than the limit of 1000", await sql.FailAsync("SELECT '" + new string('x', 2_000) + "'"), StringComparison.Ordinal);
        using (var big = new HttpRequestMessage(HttpMethod.Post, "/api/query/default_cluster/limits"))
        {
            big.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", BasicAuthorization.Parameter("root:"));
            big.Content = new StringContent("{\"stmt\": \"SELECT '" + new string('x', 200_000) + "'\"}", Encoding.UTF8, "application/json");
            using var response = await client.Http.SendAsync(big, Token);
            var text = await response.Content.ReadAsStringAsync(Token);
            Assert.Contains("\"code\":403", text, StringComparison.Ordinal);
            Assert.Contains("MaxStatementLength", text, StringComparison.Ordinal);
        }

        // Headers beyond the total size: HTTP 431 before anything runs.
        var (code, _) = await client.PutAsync("/api/limits/t/_stream_load", "columns: " + new string('k', 10_000));
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, code);

        // Entries of the columns header.
        var wide = await client.LoadAsync("t", "1,2\n", "column_separator: ,", "columns: a, b, c, d");
        Assert.Contains("more than the limit of 3", wide.Message, StringComparison.Ordinal);

        // One load at a time: a second is refused while the first waits for the rest of its body.
        var gated = new GatedContent("1,1\n"u8.ToArray(), "2,2\n"u8.ToArray());
        var first = client.LoadAsync("t", gated, ["column_separator: ,", "label: gated"]);
        await client.WaitForStateAsync("gated", "PREPARE");
        var second = await client.LoadAsync("t", "3,3\n", "column_separator: ,");
        Assert.Equal("Fail", second.Status);
        Assert.Contains("larger than limit 1", second.Message, StringComparison.Ordinal);
        gated.Open();
        Assert.Equal("Success", (await first).Status);

        Assert.Equal("2", await sql.ScalarAsync("SELECT count(*) FROM t"));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_body_that_trickles_in_is_cut_off_and_commits_nothing()
    {
        await using var host = await KestrelHost.StartAsync(new Dictionary<string, string?>
        {
            ["ContinuousLoad:Limits:MinLoadBodyBytesPerSecond"] = "100",
            ["ContinuousLoad:Limits:LoadBodyRateGraceSecond"] = "2",
        });
        await using var client = new StreamLoadClient(host.Url, "trickle");
        var sql = new JobSql(client.Http, "trickle");
        await sql.RunAsync("CREATE DATABASE trickle");
        await sql.RunAsync("CREATE TABLE t (k INT, v INT) DUPLICATE KEY(k)");

        // A body that trickles in a byte a second is cut off after the grace period; the load commits nothing.
        await using (var slow = await RawHttp.ConnectAsync(host.Url))
        {
            await slow.SendHeadAsync("PUT", "/api/trickle/t/_stream_load", "Transfer-Encoding: chunked", "column_separator: ,", "label: trickle");
            var clock = Stopwatch.StartNew();
            var answer = "";
            for (var i = 0; i < 60 && answer.Length == 0; i++)
            {
                try
                {
                    await slow.SendAsync("1\r\n9\r\n"u8.ToArray());
                }
                catch (IOException)
                {
                    break;
                }

                answer = await slow.ReadAsync(TimeSpan.FromSeconds(1));
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(50), $"the trickling body was held {clock.Elapsed}");
        }

        Assert.Equal("0", await sql.ScalarAsync("SELECT count(*) FROM t"));
        Assert.Equal("Success", (await client.LoadAsync("t", "4,4\n", "column_separator: ,")).Status);
        Assert.Equal("UNKNOWN", await client.StateAsync("trickle"));
    }
}
