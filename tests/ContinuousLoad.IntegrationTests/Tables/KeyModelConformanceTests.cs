using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.IntegrationTests.Tables;

/// <summary>DUPLICATE appends, UNIQUE replaces (by sequence when it has one), AGGREGATE merges — identically on both stores.</summary>
public sealed class KeyModelConformanceTests(PostgresServer postgres)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task WriteAsync(TestStore store, string label, params RowBatch[] batches)
    {
        await using var transaction = await store.Store.BeginWriteAsync(store.Database, label, WriteMode.Direct, Token);
        foreach (var batch in batches)
        {
            await transaction.WriteAsync(batch, Token);
        }

        await transaction.CommitAsync(new LabelCommit(), Token);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Duplicate_tables_keep_every_row(string kind)
    {
        await using var store = await TestStore.CreateAsync(kind, postgres);
        await store.Sql("CREATE TABLE d (k INT, v INT) DUPLICATE KEY(k)", "INSERT INTO d VALUES (1, 1), (1, 1), (2, 2)", "INSERT INTO d VALUES (1, 3)");

        Assert.Equal([["1", "1"], ["1", "1"], ["1", "3"], ["2", "2"]], await store.Rows("SELECT k, v FROM d ORDER BY k, v"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Unique_tables_replace_by_key_in_write_order_and_delete(string kind)
    {
        await using var store = await TestStore.CreateAsync(kind, postgres);
        await store.Sql("CREATE TABLE u (k INT, name VARCHAR(10), n INT) UNIQUE KEY(k)", "INSERT INTO u VALUES (1, 'a', 1), (2, 'b', 2), (1, 'a2', 10)");
        var table = await Rows.Table(store, "u");
        await WriteAsync(store, "l1", Rows.Batch(store, table, ["k", "name", "n"], ["3", "c", "3"], ["-2", null, null], ["3", "c2", "30"], ["-4", null, null]));

        Assert.Equal([["1", "a2", "10"], ["3", "c2", "30"]], await store.Rows("SELECT * FROM u ORDER BY k"));

        // A partial update names only some columns: the others keep their values.
        await WriteAsync(store, "l2", Rows.Batch(store, table, ["k", "n"], ["1", "11"], ["5", "55"]));
        Assert.Equal([["1", "a2", "11"], ["3", "c2", "30"], ["5", "NULL", "55"]], await store.Rows("SELECT * FROM u ORDER BY k"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task A_sequence_column_lets_the_larger_value_win_deletes_included(string kind)
    {
        await using var store = await TestStore.CreateAsync(kind, postgres);
        await store.Sql("""CREATE TABLE s (k INT, v VARCHAR(10), ver BIGINT) UNIQUE KEY(k) PROPERTIES ("function_column.sequence_col" = "ver")""",
            "INSERT INTO s VALUES (1, 'v5', 5), (1, 'v3', 3), (2, 'v1', 1), (3, 'x', NULL)");
        var table = await Rows.Table(store, "s");
        Assert.Equal("ver", table.SequenceColumn!.Name);

        await WriteAsync(store, "older", Rows.Batch(store, table, ["k", "v", "ver"], ["1", "v4", "4"], ["2", "v2", "2"], ["3", "y", "0"]));
        Assert.Equal([["1", "v5", "5"], ["2", "v2", "2"], ["3", "y", "0"]], await store.Rows("SELECT * FROM s ORDER BY k"));

        // A delete with sequence 9 hides key 1; a later upsert with sequence 8 cannot bring it back, 10 can.
        await WriteAsync(store, "delete", Rows.Batch(store, table, ["k", "v", "ver"], ["-1", "gone", "9"]));
        await WriteAsync(store, "stale", Rows.Batch(store, table, ["k", "v", "ver"], ["1", "v8", "8"]));
        Assert.Equal([["2"], ["3"]], await store.Rows("SELECT k FROM s ORDER BY k"));
        await WriteAsync(store, "fresh", Rows.Batch(store, table, ["k", "v", "ver"], ["1", "v10", "10"], ["1", "v7", "7"]));
        Assert.Equal([["1", "v10", "10"]], await store.Rows("SELECT * FROM s WHERE k = 1"));

        // The hidden delete sign through INSERT (as Doris allows).
        await store.Sql("INSERT INTO s (k, v, ver, __DORIS_DELETE_SIGN__) VALUES (2, 'x', 99, 1)");
        Assert.Equal([["1"], ["3"]], await store.Rows("SELECT k FROM s ORDER BY k"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task A_hidden_sequence_type_column_orders_versions(string kind)
    {
        await using var store = await TestStore.CreateAsync(kind, postgres);
        await store.Sql("""CREATE TABLE h (k INT, v INT) UNIQUE KEY(k) PROPERTIES ("function_column.sequence_type" = "datetime")""",
            "INSERT INTO h (k, v, __DORIS_SEQUENCE_COL__) VALUES (1, 2, '2024-01-02 00:00:00'), (1, 1, '2024-01-01 00:00:00')");

        Assert.Equal([["1", "2"]], await store.Rows("SELECT * FROM h"));
        Assert.Equal(["k", "v"], (await store.Rows("DESC h")).Select(r => r[0]));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Aggregate_tables_merge_each_value_column_by_its_function(string kind)
    {
        await using var store = await TestStore.CreateAsync(kind, postgres);
        await store.Sql("""
            CREATE TABLE a (
                k VARCHAR(8), total BIGINT SUM, amount DECIMAL(20, 4) SUM, hi INT MAX, lo DATE MIN,
                last VARCHAR(8) REPLACE, kept VARCHAR(8) REPLACE_IF_NOT_NULL, big LARGEINT SUM
            ) AGGREGATE KEY(k)
            """,
            "INSERT INTO a VALUES ('x', 1, '1.5', 3, '2024-05-01', 'a', 'a', 170141183460469231731687303715884105700)",
            "INSERT INTO a VALUES ('x', 2, '0.0001', NULL, '2024-01-01', 'b', NULL, 27), ('y', NULL, NULL, 5, NULL, NULL, NULL, NULL)",
            "INSERT INTO a VALUES ('x', NULL, '10', 9, '2024-06-01', NULL, 'c', NULL), ('x', 4, NULL, 1, NULL, 'd', NULL, NULL)");

        Assert.Equal(
        [
            ["x", "7", "11.5001", "9", "2024-01-01", "d", "c", "170141183460469231731687303715884105727"],
            ["y", "NULL", "NULL", "5", "NULL", "NULL", "NULL", "NULL"],
        ], await store.Rows("SELECT * FROM a ORDER BY k"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Auto_increment_columns_number_rows_that_leave_them_out(string kind)
    {
        await using var store = await TestStore.CreateAsync(kind, postgres);
        await store.Sql("CREATE TABLE ai (id BIGINT NOT NULL AUTO_INCREMENT, name VARCHAR(8)) DUPLICATE KEY(id)",
            "INSERT INTO ai (name) VALUES ('a'), ('b')", "INSERT INTO ai (name) VALUES ('c')", "INSERT INTO ai VALUES (100, 'd')");

        Assert.Equal([["1", "a"], ["2", "b"], ["3", "c"], ["100", "d"]], await store.Rows("SELECT * FROM ai ORDER BY id"));
    }
}
