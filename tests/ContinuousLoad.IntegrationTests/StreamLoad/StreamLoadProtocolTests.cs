using System.Diagnostics;
using System.Net;
using System.Text;
using ContinuousLoad.IntegrationTests.Servers;

namespace ContinuousLoad.IntegrationTests.StreamLoad;

/// <summary>
/// The HTTP side of Stream Load on a real socket: body framing, <c>Expect: 100-continue</c>, clients that
/// hang up or stall, the timeout header, many loads at once, and the error-log endpoint.
/// </summary>
public sealed class StreamLoadProtocolTests(LoadHosts hosts, PostgresServer postgres) : IClassFixture<LoadHosts>
{
    private const string Table = "CREATE TABLE t (k INT, v VARCHAR(20)) DUPLICATE KEY(k)";

    [Fact(Timeout = 60_000)]
    public async Task A_refused_request_is_answered_before_its_body_is_sent()
    {
        await using var client = await hosts.ClientAsync("sqlite", postgres);
        await client.SqlAsync(Table);
        await using var http = await RawHttp.ConnectAsync(client.Http.BaseAddress!.ToString());

        await http.SendHeadAsync("PUT", $"/api/{client.Database}/t/_stream_load", "Expect: 100-continue", "Content-Length: 100000000", "strict_mode: perhaps");
        var answer = await http.ReadAsync(TimeSpan.FromSeconds(10), until: "}\n");

        Assert.StartsWith("HTTP/1.1 200 OK", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("100 Continue", answer, StringComparison.Ordinal);
        Assert.Contains("\"Message\": \"[INVALID_ARGUMENT]Invalid strict mode format. Must be bool type\"", answer, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_accepted_request_gets_100_continue_then_loads()
    {
        await using var client = await hosts.ClientAsync("sqlite", postgres);
        await client.SqlAsync(Table);
        await using var http = await RawHttp.ConnectAsync(client.Http.BaseAddress!.ToString());
        var body = "1\ta\n"u8.ToArray();

        await http.SendHeadAsync("PUT", $"/api/{client.Database}/t/_stream_load", "Expect: 100-continue", $"Content-Length: {body.Length}");
        Assert.StartsWith("HTTP/1.1 100 Continue", await http.ReadAsync(TimeSpan.FromSeconds(10), until: "\r\n\r\n"), StringComparison.Ordinal);
        await http.SendAsync(body);

        Assert.Contains("\"Status\": \"Success\"", await http.ReadAsync(TimeSpan.FromSeconds(10), until: "}\n"), StringComparison.Ordinal);
        Assert.Equal(["1|a"], await client.RowsAsync("SELECT * FROM t"));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_body_without_length_or_chunking_is_refused()
    {
        await using var client = await hosts.ClientAsync("sqlite", postgres);
        await client.SqlAsync(Table);
        await using var http = await RawHttp.ConnectAsync(client.Http.BaseAddress!.ToString());

        await http.SendHeadAsync("PUT", $"/api/{client.Database}/t/_stream_load");
        var answer = await http.ReadAsync(TimeSpan.FromSeconds(10), until: "}\n");

        Assert.Contains("[INVALID_ARGUMENT]content_length is empty and transfer-encoding!=chunked, please set content_length or transfer-encoding=chunked",
            answer, StringComparison.Ordinal);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Tables.TestStore.Kinds), MemberType = typeof(Tables.TestStore))]
    public async Task A_chunked_body_loads(string kind)
    {
        await using var client = await hosts.ClientAsync(kind, postgres);
        await client.SqlAsync(Table);
        var body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(1, 50_000).Select(i => $"{i}\tv{i}\n")));

        var answer = await client.LoadAsync("t", body, ["label: chunked"], chunked: true);

        Assert.Equal(("Success", 50_000L, (long)body.Length), (answer.Status, answer.Loaded, answer.Json.GetProperty("LoadBytes").GetInt64()));
        Assert.Equal(["50000"], await client.RowsAsync("SELECT count(*) FROM t"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Tables.TestStore.Kinds), MemberType = typeof(Tables.TestStore))]
    public async Task A_client_that_hangs_up_mid_body_commits_nothing_and_frees_the_label(string kind)
    {
        await using var client = await hosts.ClientAsync(kind, postgres);
        await client.SqlAsync(Table);
        var half = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(1, 20_000).Select(i => $"{i}\tv\n")));
        await using (var http = await RawHttp.ConnectAsync(client.Http.BaseAddress!.ToString()))
        {
            await http.SendHeadAsync("PUT", $"/api/{client.Database}/t/_stream_load", $"Content-Length: {half.Length * 2}", "label: hang_up");
            await http.SendAsync(half);
            await client.WaitForStateAsync("hang_up", "PREPARE");
        }

        await client.WaitForStateAsync("hang_up", "UNKNOWN");
        Assert.Equal(["0"], await client.RowsAsync("SELECT count(*) FROM t"));
        Assert.Equal("Success", (await client.LoadAsync("t", "1\ta\n", "label: hang_up")).Status);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Tables.TestStore.Kinds), MemberType = typeof(Tables.TestStore))]
    public async Task The_timeout_header_stops_a_stalled_load(string kind)
    {
        await using var client = await hosts.ClientAsync(kind, postgres);
        await client.SqlAsync(Table);
        await using var http = await RawHttp.ConnectAsync(client.Http.BaseAddress!.ToString());

        await http.SendHeadAsync("PUT", $"/api/{client.Database}/t/_stream_load", "Content-Length: 1000", "label: slow", "timeout: 1");
        await http.SendAsync("1\ta\n"u8.ToArray());
        var answer = await http.ReadAsync(TimeSpan.FromSeconds(20), until: "}\n");

        Assert.Contains("\"Status\": \"Fail\"", answer, StringComparison.Ordinal);
        Assert.Contains("\"Message\": \"[CANCELLED]timeout", answer, StringComparison.Ordinal);
        Assert.Equal(["0"], await client.RowsAsync("SELECT count(*) FROM t"));
        Assert.Equal("Success", (await client.LoadAsync("t", "1\ta\n", "label: slow")).Status);
    }

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(Tables.TestStore.Kinds), MemberType = typeof(Tables.TestStore))]
    public async Task Many_loads_at_once_into_one_table_and_several_all_land_exactly_once(string kind)
    {
        await using var client = await hosts.ClientAsync(kind, postgres);
        await client.SqlAsync(Table, "CREATE TABLE u (k INT, v VARCHAR(20)) UNIQUE KEY(k)", "CREATE TABLE other (k INT, v VARCHAR(20)) DUPLICATE KEY(k)");
        string Rows(int from) => string.Concat(Enumerable.Range(from, 2_000).Select(i => $"{i}\tv{i}\n"));

        var loads = Enumerable.Range(0, 12).Select(i => client.LoadAsync((i % 3) switch { 0 => "t", 1 => "u", _ => "other" }, Rows(i * 2_000), $"label: many_{i}"))
            .Concat(Enumerable.Range(0, 6).Select(_ => client.LoadAsync("t", Rows(1_000_000), "label: same_label")))
            .ToList();
        var answers = await Task.WhenAll(loads);

        Assert.All(answers.Take(12), a => Assert.Equal("Success", a.Status));
        var sameLabel = answers.Skip(12).ToList();
        Assert.Single(sameLabel, a => a.Status == "Success");
        Assert.All(sameLabel.Where(a => a.Status != "Success"), a => Assert.Equal("Label Already Exists", a.Status));
        Assert.Equal(["10000"], await client.RowsAsync("SELECT count(*) FROM t"));
        Assert.Equal(["8000"], await client.RowsAsync("SELECT count(*) FROM u"));
        Assert.Equal(["8000"], await client.RowsAsync("SELECT count(*) FROM other"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Tables.TestStore.Kinds), MemberType = typeof(Tables.TestStore))]
    public async Task A_stalled_load_never_blocks_readers(string kind)
    {
        await using var client = await hosts.ClientAsync(kind, postgres);
        await client.SqlAsync(Table);
        await client.LoadAsync("t", "1\ta\n");
        var body = new GatedContent("2\tb\n"u8.ToArray(), "3\tc\n"u8.ToArray());
        var stalled = client.LoadAsync("t", body, ["label: stalled"]);
        await body.FirstPartSent;
        await client.WaitForStateAsync("stalled", "PREPARE");

        var clock = Stopwatch.StartNew();
        Assert.Equal(["1|a"], await client.RowsAsync("SELECT * FROM t"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"a read waited {clock.Elapsed} behind a stalled load");

        body.Open();
        Assert.Equal("Success", (await stalled).Status);
        Assert.Equal(["1|a", "2|b", "3|c"], await client.RowsAsync("SELECT * FROM t ORDER BY k"));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_error_log_lists_fifty_rows_then_stops_and_serves_nothing_else()
    {
        await using var client = await hosts.ClientAsync("sqlite", postgres);
        await client.SqlAsync(Table);
        var body = string.Concat(Enumerable.Range(1, 60).Select(i => $"bad{i}\n"));

        var answer = await client.LoadAsync("t", body, "max_filter_ratio: 1");
        var (code, log) = await client.GetAsync(new Uri(answer.ErrorUrl!).PathAndQuery);

        Assert.Equal((HttpStatusCode.OK, 60L), (code, answer.Filtered));
        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(51, lines.Length);
        Assert.StartsWith("Reason: actual column number in csv file is  less than  schema column number.", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(". src line [bad1]; ", lines[0], StringComparison.Ordinal);
        Assert.Equal("TOO MUCH ERROR! already reach 50. show no more next error.", lines[50]);
        Assert.StartsWith($"{client.Http.BaseAddress!.ToString().TrimEnd('/')}/api/_load_error_log?file=error_log_", answer.ErrorUrl, StringComparison.Ordinal);
        foreach (var probe in new[] { "../tables", "..%2F..%2Fetc%2Fpasswd", "/etc/passwd", "error_log_1_00000000000000000000000000000000", "" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/_load_error_log?file={probe}")).Code);
        }
    }
}
