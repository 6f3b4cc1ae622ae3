using ContinuousLoad.IntegrationTests.Servers;

namespace ContinuousLoad.IntegrationTests.StreamLoad;

/// <summary>Key models across loads: upserts, deletes by merge type and delete sign, sequence order, partial updates, aggregation.</summary>
public sealed class StreamLoadKeyModelTests(LoadHosts hosts, PostgresServer postgres) : IClassFixture<LoadHosts>
{
    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Tables.TestStore.Kinds), MemberType = typeof(Tables.TestStore))]
    public async Task Unique_loads_upsert_and_delete_existing_rows(string kind)
    {
        await using var client = await hosts.ClientAsync(kind, postgres);
        await client.SqlAsync("CREATE TABLE t (k INT, v VARCHAR(20)) UNIQUE KEY(k)");
        await client.LoadAsync("t", "1,a\n2,b\n3,c\n4,d\n", "column_separator: ,");

        await client.LoadAsync("t", "1,A\n5,e\n", "column_separator: ,");
        await client.LoadAsync("t", "2\n", "merge_type: DELETE", "columns: k");
        await client.LoadAsync("t", "3,x\n6,f\n", "column_separator: ,", "merge_type: MERGE", "delete: v = 'x'");
        await client.LoadAsync("t", "4,whatever,1\n", "column_separator: ,", "hidden_columns: __DORIS_DELETE_SIGN__");

        Assert.Equal(["1|A", "5|e", "6|f"], await client.RowsAsync("SELECT * FROM t ORDER BY k"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Tables.TestStore.Kinds), MemberType = typeof(Tables.TestStore))]
    public async Task A_sequence_column_keeps_the_newest_version_across_loads(string kind)
    {
        await using var client = await hosts.ClientAsync(kind, postgres);
        await client.SqlAsync("CREATE TABLE t (k INT, v VARCHAR(20)) UNIQUE KEY(k) PROPERTIES (\"function_column.sequence_type\" = \"int\")");
        string[] headers = ["column_separator: ,", "columns: k, v, s", "function_column.sequence_col: s"];

        await client.LoadAsync("t", "1,v5,5\n2,v5,5\n", headers);
        await client.LoadAsync("t", "1,v3,3\n2,v9,9\n", headers);

        Assert.Equal(["1|v5", "2|v9"], await client.RowsAsync("SELECT * FROM t ORDER BY k"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Tables.TestStore.Kinds), MemberType = typeof(Tables.TestStore))]
    public async Task A_partial_update_changes_only_the_named_columns(string kind)
    {
        await using var client = await hosts.ClientAsync(kind, postgres);
        await client.SqlAsync("CREATE TABLE t (k INT, a VARCHAR(5), b VARCHAR(5)) UNIQUE KEY(k)");
        await client.LoadAsync("t", "1,a1,b1\n2,a2,b2\n", "column_separator: ,");

        var partial = await client.LoadAsync("t", "1,A1\n", "column_separator: ,", "partial_columns: true", "columns: k, a");
        var strict = await client.LoadAsync("t", "2,A2\n", "column_separator: ,", "unique_key_update_mode: UPDATE_FIXED_COLUMNS",
            "partial_update_new_key_behavior: ERROR", "columns: k, a");
        var refused = await client.LoadAsync("t", "2,Z\n3,new\n", "column_separator: ,", "unique_key_update_mode: UPDATE_FIXED_COLUMNS",
            "partial_update_new_key_behavior: ERROR", "columns: k, a");

        Assert.Equal(("Success", "Success", "Fail"), (partial.Status, strict.Status, refused.Status));
        Assert.Equal("[E-7003]Can't append new rows in partial update when partial_update_new_key_behavior is ERROR. Row with key=[3] is not in table.", refused.Message);
        Assert.Equal(["1|A1|b1", "2|A2|b2"], await client.RowsAsync("SELECT * FROM t ORDER BY k"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Tables.TestStore.Kinds), MemberType = typeof(Tables.TestStore))]
    public async Task Aggregate_loads_fold_into_existing_rows(string kind)
    {
        await using var client = await hosts.ClientAsync(kind, postgres);
        await client.SqlAsync("CREATE TABLE t (k INT, s BIGINT SUM, m INT MIN, r VARCHAR(5) REPLACE_IF_NOT_NULL) AGGREGATE KEY(k)");

        await client.LoadAsync("t", "1,10,5,a\n", "column_separator: ,");
        await client.LoadAsync("t", "1,5,7,\\N\n1,1,2,b\n", "column_separator: ,");

        Assert.Equal(["1|16|2|b"], await client.RowsAsync("SELECT * FROM t"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Tables.TestStore.Kinds), MemberType = typeof(Tables.TestStore))]
    public async Task A_null_key_in_a_unique_table_is_a_filtered_row(string kind)
    {
        await using var client = await hosts.ClientAsync(kind, postgres);
        await client.SqlAsync("CREATE TABLE t (k INT, v VARCHAR(5)) UNIQUE KEY(k)");

        var answer = await client.LoadAsync("t", "\\N,a\nx,b\n1,c\n", "column_separator: ,", "max_filter_ratio: 1");

        Assert.Equal((1L, 2L), (answer.Loaded, answer.Filtered));
        Assert.Equal(["1|c"], await client.RowsAsync("SELECT * FROM t"));
    }
}
