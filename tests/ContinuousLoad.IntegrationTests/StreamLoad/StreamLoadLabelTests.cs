using System.Net;
using System.Text;
using ContinuousLoad.IntegrationTests.Host;
using ContinuousLoad.IntegrationTests.Servers;

namespace ContinuousLoad.IntegrationTests.StreamLoad;

/// <summary>Labels, retries, two-phase commit and <c>get_load_state</c>, as Doris clients and connectors rely on them.</summary>
public sealed class StreamLoadLabelTests(LoadHosts hosts, PostgresServer postgres) : IClassFixture<LoadHosts>
{
    private const string Table = "CREATE TABLE t (k INT, v VARCHAR(20)) DUPLICATE KEY(k)";

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Tables.TestStore.Kinds), MemberType = typeof(Tables.TestStore))]
    public async Task A_finished_label_answers_label_already_exists_and_loads_nothing(string kind)
    {
        await using var client = await hosts.ClientAsync(kind, postgres);
        await client.SqlAsync(Table);

        var first = await client.LoadAsync("t", "1\ta\n", "label: once");
        var again = await client.LoadAsync("t", "1\ta\n", "label: once");

        Assert.Equal("Success", first.Status);
        Assert.Equal("Label Already Exists", again.Status);
        Assert.Equal("FINISHED", again.Json.GetProperty("ExistingJobStatus").GetString());
        Assert.Equal(-1, again.TxnId);
        Assert.Equal($"[LABEL_ALREADY_EXISTS]TStatus: errCode = 2, detailMessage = Label [once] has already been used, relate to txn [{first.TxnId}]", again.Message);
        Assert.Equal(["TxnId", "Label", "Comment", "TwoPhaseCommit", "Status", "ExistingJobStatus", "Message"], again.FieldNames.Take(7));
        Assert.Equal(["1|a"], await client.RowsAsync("SELECT * FROM t"));
        Assert.Equal("VISIBLE", await client.StateAsync("once"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Tables.TestStore.Kinds), MemberType = typeof(Tables.TestStore))]
    public async Task A_failed_load_leaves_its_label_free(string kind)
    {
        await using var client = await hosts.ClientAsync(kind, postgres);
        await client.SqlAsync(Table);

        var failed = await client.LoadAsync("t", "1\ta\nbad-row\n", "label: retry_me");
        var fixedLoad = await client.LoadAsync("t", "1\ta\n2\tb\n", "label: retry_me");

        Assert.Equal("Fail", failed.Status);
        Assert.Equal("Success", fixedLoad.Status);
        Assert.NotEqual(failed.TxnId, fixedLoad.TxnId);
        Assert.Equal(["1|a", "2|b"], await client.RowsAsync("SELECT * FROM t ORDER BY k"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Tables.TestStore.Kinds), MemberType = typeof(Tables.TestStore))]
    public async Task A_running_label_answers_running_and_the_state_is_prepare(string kind)
    {
        await using var client = await hosts.ClientAsync(kind, postgres);
        await client.SqlAsync(Table);
        var body = new GatedContent(Encoding.UTF8.GetBytes("1\ta\n"), Encoding.UTF8.GetBytes("2\tb\n"));
        var running = client.LoadAsync("t", body, ["label: busy"]);
        await body.FirstPartSent;
        await client.WaitForStateAsync("busy", "PREPARE");

        var second = await client.LoadAsync("t", "9\tz\n", "label: busy");
        body.Open();
        var first = await running;

        Assert.Equal("Label Already Exists", second.Status);
        Assert.Equal("RUNNING", second.Json.GetProperty("ExistingJobStatus").GetString());
        Assert.Equal("Success", first.Status);
        Assert.Equal(["1|a", "2|b"], await client.RowsAsync("SELECT * FROM t ORDER BY k"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Tables.TestStore.Kinds), MemberType = typeof(Tables.TestStore))]
    public async Task Two_phase_commit_by_transaction_id_and_by_label(string kind)
    {
        await using var client = await hosts.ClientAsync(kind, postgres);
        await client.SqlAsync(Table);

        var prepared = await client.LoadAsync("t", "1\ta\n", "label: tp1", "two_phase_commit: true");
        Assert.Equal(("Success", "true"), (prepared.Status, prepared.Json.GetProperty("TwoPhaseCommit").GetString()));
        Assert.Empty(await client.RowsAsync("SELECT * FROM t"));
        Assert.Equal("PRECOMMITTED", await client.StateAsync("tp1"));
        var reused = await client.LoadAsync("t", "1\ta\n", "label: tp1");
        Assert.Equal("Label Already Exists", reused.Status);

        var committed = await client.PutAsync($"/api/{client.Database}/t/_stream_load_2pc", $"txn_id: {prepared.TxnId}", "txn_operation: commit");
        Assert.Equal((HttpStatusCode.OK, $"{{\n    \"status\": \"Success\",\n    \"msg\": \"transaction [{prepared.TxnId}] commit successfully.\"\n}}"), committed);
        Assert.Equal(["1|a"], await client.RowsAsync("SELECT * FROM t"));
        Assert.Equal("VISIBLE", await client.StateAsync("tp1"));
        var twice = await client.PutAsync($"/api/{client.Database}/_stream_load_2pc", "label: tp1", "txn_operation: commit");
        Assert.Contains("\"status\": \"ANALYSIS_ERROR\"", twice.Text, StringComparison.Ordinal);
        Assert.Contains($"transaction [{prepared.TxnId}] is already visible, not pre-committed.", twice.Text, StringComparison.Ordinal);

        var second = await client.LoadAsync("t", "2\tb\n", "label: tp2", "two_phase_commit: true");
        var aborted = await client.PutAsync($"/api/{client.Database}/_stream_load_2pc", "label: tp2", "txn_operation: abort");
        Assert.Equal("{\n    \"status\": \"Success\",\n    \"msg\": \"label [tp2] abort successfully.\"\n}", aborted.Text);
        Assert.Equal("ABORTED", await client.StateAsync("tp2"));
        Assert.Equal(["1|a"], await client.RowsAsync("SELECT * FROM t"));
        Assert.Equal("Success", (await client.LoadAsync("t", "2\tb\n", "label: tp2")).Status);
        Assert.NotEqual(second.TxnId, prepared.TxnId);
    }

    [Fact(Timeout = 60_000)]
    public async Task Two_phase_commit_requests_need_an_operation_and_a_transaction()
    {
        await using var client = await hosts.ClientAsync("sqlite", postgres);

        Assert.Equal("""{"status":"FAILED","msg":"No transaction id selected."}""",
            (await client.PutAsync($"/api/{client.Database}/_stream_load_2pc", "txn_operation: commit")).Text);
        Assert.Equal("""{"status":"FAILED","msg":"No transaction operation('commit' or 'abort') selected."}""",
            (await client.PutAsync($"/api/{client.Database}/_stream_load_2pc", "txn_id: 5")).Text);
        Assert.Contains("transaction [424242] does not exist",
            (await client.PutAsync($"/api/{client.Database}/_stream_load_2pc", "txn_id: 424242", "txn_operation: abort")).Text, StringComparison.Ordinal);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Tables.TestStore.Kinds), MemberType = typeof(Tables.TestStore))]
    public async Task An_unresolved_pre_commit_is_aborted_after_the_load_timeout(string kind)
    {
        await using var host = await KestrelHost.StartAsync(new Dictionary<string, string?>(Settings(kind)) { ["ContinuousLoad:LabelCleanIntervalSecond"] = "1" });
        await using var client = new StreamLoadClient(host.Url, Testing.TestNames.ForCurrentTest("exp", maxLength: 40));
        await client.SqlAsync($"DROP DATABASE IF EXISTS {client.Database}");
        await client.SqlAsync($"CREATE DATABASE {client.Database}");
        await client.SqlAsync(Table);

        var prepared = await client.LoadAsync("t", "1\ta\n", "label: forgotten", "two_phase_commit: true", "timeout: 1");
        Assert.Equal("Success", prepared.Status);
        await client.WaitForStateAsync("forgotten", "ABORTED");

        Assert.Empty(await client.RowsAsync("SELECT * FROM t"));
        Assert.Equal("Success", (await client.LoadAsync("t", "1\ta\n", "label: forgotten")).Status);
    }

    [Fact(Timeout = 60_000)]
    public async Task Load_state_needs_a_label()
    {
        await using var client = await hosts.ClientAsync("sqlite", postgres);

        Assert.Equal("""{"msg":"Bad Request","code":403,"data":"No label selected","count":0}""", (await client.GetAsync($"/api/{client.Database}/get_load_state")).Text);
        Assert.Equal("UNKNOWN", await client.StateAsync("never_used"));
        Assert.Contains("\"code\":1", (await client.GetAsync("/api/no_such_db/get_load_state?label=x")).Text, StringComparison.Ordinal);
    }

    private IReadOnlyDictionary<string, string?> Settings(string kind) => kind == "sqlite"
        ? new Dictionary<string, string?>()
        : new Dictionary<string, string?> { ["ContinuousLoad:Tables:Store"] = "postgres", ["ContinuousLoad:Tables:ConnectionString"] = postgres.ConnectionString };
}
