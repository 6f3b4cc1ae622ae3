using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.IntegrationTests.Tables;

/// <summary>Labels, attachments, 2PC and retention: exactly-once bookkeeping, the same on both stores.</summary>
public sealed class LabelConformanceTests(PostgresServer postgres)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<TestStore> StoreWithTableAsync(string kind, PostgresServer postgres, bool ownCatalog = false)
    {
        var store = await TestStore.CreateAsync(kind, postgres, ownCatalog: ownCatalog);
        await store.Sql("CREATE TABLE t (k INT, v VARCHAR(8)) UNIQUE KEY(k)");
        return store;
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task A_label_commits_with_its_data_and_attachment_once(string kind)
    {
        await using var store = await StoreWithTableAsync(kind, postgres);
        var table = await Rows.Table(store, "t");
        LabelRecord committed;
        await using (var transaction = await store.Store.BeginWriteAsync(store.Database, "load_1", WriteMode.Direct, Token))
        {
            await transaction.WriteAsync(Rows.Batch(store, table, ["k", "v"], ["1", "a"]), Token);
            committed = await transaction.CommitAsync(new LabelCommit("""{"fileName":"a.csv"}""", """{"rows":1}"""), Token);
        }

        var found = await store.Store.FindLabelAsync(store.Database, "load_1", Token);
        Assert.Equal(LabelState.Visible, found!.State);
        Assert.Equal(committed.TransactionId, found.TransactionId);
        Assert.Equal(("""{"fileName":"a.csv"}""", """{"rows":1}"""), (found.Attachment, found.Result));
        Assert.Equal(found, await store.Store.FindTransactionAsync(store.Database, committed.TransactionId, Token));

        var again = await Assert.ThrowsAsync<LabelAlreadyExistsException>(() => store.Store.BeginWriteAsync(store.Database, "load_1", WriteMode.Direct, Token));
        Assert.Equal("FINISHED", again.ExistingJobStatus);
        Assert.Equal([["1", "a"]], await store.Rows("SELECT * FROM t"));
        Assert.Contains("Label [load_1] has already been used", (await store.Fails("INSERT INTO t WITH LABEL load_1 VALUES (2, 'b')")).Message, StringComparison.Ordinal);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task A_failed_load_writes_nothing_and_leaves_its_label_free(string kind)
    {
        await using var store = await StoreWithTableAsync(kind, postgres);
        var table = await Rows.Table(store, "t");
        await using (var transaction = await store.Store.BeginWriteAsync(store.Database, "retry_me", WriteMode.Direct, Token))
        {
            await transaction.WriteAsync(Rows.Batch(store, table, ["k", "v"], ["1", "a"]), Token);

            // A second load with the same label while this one runs is told it is RUNNING.
            var running = await Assert.ThrowsAsync<LabelAlreadyExistsException>(() => store.Store.BeginWriteAsync(store.Database, "retry_me", WriteMode.Direct, Token));
            Assert.Equal("RUNNING", running.ExistingJobStatus);
        }

        Assert.Empty(await store.Rows("SELECT * FROM t"));
        Assert.Null(await store.Store.FindLabelAsync(store.Database, "retry_me", Token));
        await store.Sql("INSERT INTO t WITH LABEL retry_me VALUES (2, 'b')");
        Assert.Equal([["2", "b"]], await store.Rows("SELECT * FROM t"));
        Assert.Contains("Insert has filtered data", (await store.Fails("INSERT INTO t WITH LABEL bad VALUES (3, 'too long!')")).Message, StringComparison.Ordinal);
        Assert.Null(await store.Store.FindLabelAsync(store.Database, "bad", Token));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Two_phase_commit_keeps_data_invisible_until_committed(string kind)
    {
        await using var store = await StoreWithTableAsync(kind, postgres);
        var table = await Rows.Table(store, "t");
        await store.Sql("INSERT INTO t VALUES (1, 'old')");
        LabelRecord prepared;
        await using (var transaction = await store.Store.BeginWriteAsync(store.Database, "tpc", WriteMode.TwoPhase, Token))
        {
            await transaction.WriteAsync(Rows.Batch(store, table, ["k", "v"], ["1", "new"], ["2", "b"], ["-1", null]), Token);
            await transaction.WriteAsync(Rows.Batch(store, table, ["k", "v"], ["1", "newest"]), Token);
            prepared = await transaction.CommitAsync(new LabelCommit(PreparedTimeout: TimeSpan.FromMinutes(5)), Token);
        }

        Assert.Equal(LabelState.Prepared, prepared.State);
        Assert.Equal([["1", "old"]], await store.Rows("SELECT * FROM t"));
        Assert.Equal("PRECOMMITTED", (await Assert.ThrowsAsync<LabelAlreadyExistsException>(
            () => store.Store.BeginWriteAsync(store.Database, "tpc", WriteMode.Direct, Token))).ExistingJobStatus);

        var visible = await store.Store.CommitPreparedAsync(store.Database, TransactionSelector.ById(prepared.TransactionId), Token);
        Assert.Equal(LabelState.Visible, visible.State);
        Assert.Equal([["1", "newest"], ["2", "b"]], await store.Rows("SELECT * FROM t ORDER BY k"));
        Assert.Contains("is already visible", (await Assert.ThrowsAsync<DorisException>(
            () => store.Store.CommitPreparedAsync(store.Database, TransactionSelector.ByLabel("tpc"), Token))).Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", (await Assert.ThrowsAsync<DorisException>(
            () => store.Store.AbortPreparedAsync(store.Database, TransactionSelector.ById(987654321), "no", Token))).Message, StringComparison.Ordinal);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Aborted_and_expired_pre_commits_vanish_and_free_their_labels(string kind)
    {
        await using var store = await StoreWithTableAsync(kind, postgres, ownCatalog: true);
        var table = await Rows.Table(store, "t");
        foreach (var (label, timeout) in new[] { ("aborted", TimeSpan.FromMinutes(5)), ("expired", TimeSpan.FromSeconds(1)) })
        {
            await using var transaction = await store.Store.BeginWriteAsync(store.Database, label, WriteMode.TwoPhase, Token);
            await transaction.WriteAsync(Rows.Batch(store, table, ["k", "v"], [label == "aborted" ? "1" : "2", label]), Token);
            await transaction.CommitAsync(new LabelCommit(PreparedTimeout: timeout), Token);
        }

        await store.Store.AbortPreparedAsync(store.Database, TransactionSelector.ByLabel("aborted"), "test", Token);
        Assert.Equal(LabelState.Aborted, (await store.Store.FindLabelAsync(store.Database, "aborted", Token))!.State);

        var removed = await store.Store.ExpireLabelsAsync(DateTime.UtcNow.AddSeconds(5), TimeSpan.FromDays(3), Token);
        Assert.True(removed >= 1);
        Assert.Equal(LabelState.Aborted, (await store.Store.FindLabelAsync(store.Database, "expired", Token))!.State);
        Assert.Empty(await store.Rows("SELECT * FROM t"));

        await store.Sql("INSERT INTO t WITH LABEL aborted VALUES (3, 'reused')");
        Assert.Equal([["3", "reused"]], await store.Rows("SELECT * FROM t"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Finished_labels_are_forgotten_after_the_retention_period(string kind)
    {
        await using var store = await StoreWithTableAsync(kind, postgres, ownCatalog: true);
        await store.Sql("INSERT INTO t WITH LABEL keep_me VALUES (1, 'a')");

        await store.Store.ExpireLabelsAsync(DateTime.UtcNow, TimeSpan.FromHours(1), Token);
        Assert.NotNull(await store.Store.FindLabelAsync(store.Database, "keep_me", Token));

        await store.Store.ExpireLabelsAsync(DateTime.UtcNow.AddHours(2), TimeSpan.FromHours(1), Token);
        Assert.Null(await store.Store.FindLabelAsync(store.Database, "keep_me", Token));
        await store.Sql("INSERT INTO t WITH LABEL keep_me VALUES (2, 'b')");
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Concurrent_writers_into_one_database_all_commit(string kind)
    {
        await using var store = await StoreWithTableAsync(kind, postgres);
        await store.Sql("CREATE TABLE d (k INT, v INT) DUPLICATE KEY(k)");
        var writers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            for (var round = 0; round < 5; round++)
            {
                await store.Sql($"INSERT INTO d WITH LABEL w_{i}_{round} VALUES ({i}, {round})");
            }
        }, Token));
        var reader = Task.Run(async () =>
        {
            for (var read = 0; read < 20; read++)
            {
                await store.Rows("SELECT count(*) FROM d");
            }
        }, Token);

        await Task.WhenAll([.. writers, reader]);

        Assert.Equal([["40", "8"]], await store.Rows("SELECT count(*), count(DISTINCT k) FROM d"));
    }
}
