using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Host;

/// <summary>Doris's HTTP SQL API over both table stores: envelope, meta, value rendering, limits and errors.</summary>
public sealed class QueryFunctionTests(PostgresServer postgres)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<InProcessHost> HostAsync(string kind) => await InProcessHost.StartAsync(kind == "sqlite"
        ? null
        : new Dictionary<string, string?>
        {
            ["ContinuousLoad:Tables:Store"] = "postgres",
            ["ContinuousLoad:Tables:ConnectionString"] = postgres.ConnectionString,
        });

    private static async Task<JsonElement> PostAsync(InProcessHost host, string database, object body, string catalog = "default_cluster")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/query/{catalog}/{database}")
        {
            Content = body is string raw ? new StringContent(raw) : JsonContent.Create(body),
            Headers = { Authorization = new AuthenticationHeaderValue("Basic", BasicAuthorization.Parameter("root:")) },
        };
        using var response = await host.Client.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        return document.RootElement.Clone();
    }

    private static Task<JsonElement> SqlAsync(InProcessHost host, string database, string statement, long? limit = null) =>
        PostAsync(host, database, limit is null ? new { stmt = statement } : new { stmt = statement, limit });

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Tables.TestStore.Kinds), MemberType = typeof(Tables.TestStore))]
    public async Task Answers_statements_and_queries_in_the_Doris_envelope(string kind)
    {
        await using var host = await HostAsync(kind);
        var database = TestNames.ForCurrentTest("http", maxLength: 40);
        await SqlAsync(host, database, $"DROP DATABASE IF EXISTS {database}");

        var created = await SqlAsync(host, database, $"CREATE DATABASE {database}");
        Assert.Equal("""{"msg":"success","code":0,"data":{"type":"exec_status","status":{},"affectedRows":0,"time":""",
            created.GetRawText()[..created.GetRawText().IndexOf("\"time\":", StringComparison.Ordinal)] + "\"time\":");
        await SqlAsync(host, database, "CREATE TABLE t (k INT, big LARGEINT, amount DECIMAL(20, 4), ok BOOLEAN, d DATE, ts DATETIME(3), s STRING) UNIQUE KEY(k)");
        var inserted = await SqlAsync(host, database,
            "INSERT INTO t WITH LABEL http_label VALUES (1, 170141183460469231731687303715884105727, 12345678901234.5678, true, '2024-01-02', '2024-01-02 03:04:05.6', 'é'), (2, NULL, NULL, NULL, NULL, NULL, NULL)");
        Assert.Equal(2, inserted.GetProperty("data").GetProperty("affectedRows").GetInt64());
        Assert.Equal("http_label", inserted.GetProperty("data").GetProperty("status").GetProperty("label").GetString());
        Assert.Equal("VISIBLE", inserted.GetProperty("data").GetProperty("status").GetProperty("status").GetString());

        var answer = await SqlAsync(host, database, "SELECT * FROM t ORDER BY k");

        Assert.Equal("success", answer.GetProperty("msg").GetString());
        Assert.Equal(0, answer.GetProperty("count").GetInt32());
        var data = answer.GetProperty("data");
        Assert.Equal("result_set", data.GetProperty("type").GetString());
        Assert.Equal("""[{"name":"k","type":"INT"},{"name":"big","type":"LARGEINT"},{"name":"amount","type":"DECIMAL"},{"name":"ok","type":"BOOLEAN"},{"name":"d","type":"DATE"},{"name":"ts","type":"DATETIME"},{"name":"s","type":"STRING"}]""",
            data.GetProperty("meta").GetRawText());
        Assert.Equal("""[[1,"170141183460469231731687303715884105727",12345678901234.5678,true,"2024-01-02","2024-01-02 03:04:05.600","é"],[2,null,null,null,null,null,null]]""",
            data.GetProperty("data").GetRawText());
        Assert.True(data.GetProperty("time").GetInt64() >= 0);

        await SqlAsync(host, database, $"DROP DATABASE {database}");
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Tables.TestStore.Kinds), MemberType = typeof(Tables.TestStore))]
    public async Task Stops_at_the_row_limit(string kind)
    {
        await using var host = await HostAsync(kind);
        var database = TestNames.ForCurrentTest("http", maxLength: 40);
        await SqlAsync(host, database, $"DROP DATABASE IF EXISTS {database}");
        await SqlAsync(host, database, $"CREATE DATABASE {database}");
        await SqlAsync(host, database, "CREATE TABLE n (k INT)");
        await SqlAsync(host, database, "INSERT INTO n VALUES (1), (2), (3), (4), (5)");

        Assert.Equal(2, (await SqlAsync(host, database, "SELECT k FROM n ORDER BY k", limit: 2)).GetProperty("data").GetProperty("data").GetArrayLength());
        Assert.Equal(5, (await SqlAsync(host, database, "SELECT k FROM n")).GetProperty("data").GetProperty("data").GetArrayLength());
        Assert.Equal(0, (await SqlAsync(host, database, "SELECT k FROM n", limit: 0)).GetProperty("data").GetProperty("data").GetArrayLength());
        await SqlAsync(host, database, $"DROP DATABASE {database}");
    }

    [Fact(Timeout = 60_000)]
    public async Task Explains_malformed_requests_and_failing_statements()
    {
        await using var host = await InProcessHost.StartAsync();

        Assert.Equal("""{"msg":"Bad Request","code":403,"data":"Missing statement request body","count":0}""",
            (await PostAsync(host, "db", new { limit = 5 })).GetRawText());
        Assert.Equal(403, (await PostAsync(host, "db", "{not json")).GetProperty("code").GetInt32());
        Assert.Equal("""{"msg":"Error","code":1,"data":"Not support async query execution","count":0}""",
            (await PostAsync(host, "db", new { stmt = "SELECT 1", is_sync = false })).GetRawText());
        Assert.Equal("Failed to execute sql: errCode = 2, detailMessage = Unknown catalog 'hive'",
            (await PostAsync(host, "db", new { stmt = "SELECT 1" }, catalog: "hive")).GetProperty("data").GetString());
        var syntax = await SqlAsync(host, "db", "SELEC 1");
        Assert.Equal(("Error", 1), (syntax.GetProperty("msg").GetString(), syntax.GetProperty("code").GetInt32()));
        Assert.StartsWith("Failed to execute sql: errCode = 2, detailMessage = Syntax error at line 1, column 1",
            syntax.GetProperty("data").GetString(), StringComparison.Ordinal);
        Assert.Equal("Failed to execute sql: errCode = 2, detailMessage = Unknown database 'nowhere'",
            (await SqlAsync(host, "nowhere", "SELECT * FROM t")).GetProperty("data").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Set_global_is_for_root_and_set_session_lasts_one_request()
    {
        await using var host = await InProcessHost.StartAsync(new Dictionary<string, string?> { ["ContinuousLoad:Users:etl"] = "pw" });
        using var asEtl = new HttpRequestMessage(HttpMethod.Post, "/api/query/default_cluster/x")
        {
            Content = JsonContent.Create(new { stmt = "SET GLOBAL query_timeout = 5" }),
            Headers = { Authorization = new AuthenticationHeaderValue("Basic", BasicAuthorization.Parameter("etl:pw")) },
        };
        using var refused = await host.Client.SendAsync(asEtl, Token);
        Assert.Contains("ADMIN privilege", await refused.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        Assert.Equal(0, (await SqlAsync(host, "x", "SET query_timeout = 5, SESSION sql_select_limit = DEFAULT")).GetProperty("code").GetInt32());
        Assert.Contains("Unknown system variable 'nope'", (await SqlAsync(host, "x", "SET nope = 1")).GetProperty("data").GetString(), StringComparison.Ordinal);
        Assert.Contains("can't be set to the value of '0'", (await SqlAsync(host, "x", "SET GLOBAL query_timeout = 0")).GetProperty("data").GetString(), StringComparison.Ordinal);
        Assert.Contains("Incorrect argument type", (await SqlAsync(host, "x", "SELECT /*+ SET_VAR(query_timeout = 'soon') */ 1")).GetProperty("data").GetString(), StringComparison.Ordinal);
    }
}
