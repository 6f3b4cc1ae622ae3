using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sql.Limits;

namespace ContinuousLoad.IntegrationTests.Tables;

/// <summary>
/// What a query may cost, the same on both stores: <c>query_timeout</c> and <c>insert_timeout</c> stop a
/// runaway cross join with Doris's message, <c>max_scan_rows</c> refuses it (SQLite counts the rows it
/// reads, PostgreSQL's planner estimates them), and <c>sql_select_limit</c> caps the rows a SELECT returns.
/// </summary>
public sealed class QueryBudgetConformanceTests(PostgresServer postgres)
{
    private const string CrossJoin = "count(*) FROM a, b, c";

    private static async Task<TestStore> WithThreeTablesAsync(string kind, PostgresServer postgres)
    {
        var store = await TestStore.CreateAsync(kind, postgres);
        var rows = string.Join(", ", Enumerable.Range(1, 2_000).Select(i => $"({i})"));
        foreach (var table in new[] { "a", "b", "c" })
        {
            await store.Sql($"CREATE TABLE {table} (k INT) DUPLICATE KEY(k)", $"INSERT INTO {table} VALUES {rows}");
        }

        return store;
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task A_runaway_query_stops_at_its_timeout_with_Doris_message(string kind)
    {
        await using var store = await WithThreeTablesAsync(kind, postgres);

        var select = await Assert.ThrowsAsync<SqlLimitException>(() => store.Rows($"SELECT /*+ SET_VAR(query_timeout = 1) */ {CrossJoin}"));
        await store.Sql("CREATE TABLE n (k BIGINT) DUPLICATE KEY(k)");
        var insert = await Assert.ThrowsAsync<SqlLimitException>(() => store.Exec($"INSERT /*+ SET_VAR(insert_timeout = 1) */ INTO n SELECT {CrossJoin}"));

        Assert.Equal("Query exceeded time limit of 1 seconds", select.Message);
        Assert.Equal("Query exceeded time limit of 1 seconds", insert.Message);
        Assert.Equal([["0"]], await store.Rows("SELECT count(*) FROM n"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task The_scan_limit_refuses_a_query_that_reads_too_much_and_the_row_limit_caps_a_select(string kind)
    {
        await using var store = await WithThreeTablesAsync(kind, postgres);

        var error = await Assert.ThrowsAsync<SqlLimitException>(() => store.Rows($"SELECT /*+ SET_VAR(max_scan_rows = 1000000) */ {CrossJoin}"));

        Assert.Contains("max_scan_rows", error.Message, StringComparison.Ordinal);
        Assert.Equal([["2000"]], await store.Rows("SELECT /*+ SET_VAR(max_scan_rows = 1000000) */ count(*) FROM a WHERE k > 0"));
        Assert.Equal([["1"], ["2"], ["3"]], await store.Rows("SELECT /*+ SET_VAR(sql_select_limit = 3) */ k FROM a ORDER BY k"));
        Assert.Equal([["1"], ["2"]], await store.Rows("SELECT /*+ SET_VAR(sql_select_limit = 3) */ k FROM a ORDER BY k LIMIT 2"));
    }
}
