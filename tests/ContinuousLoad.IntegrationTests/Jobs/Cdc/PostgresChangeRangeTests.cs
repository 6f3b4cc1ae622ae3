using ContinuousLoad.Ingest.Loading;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.IntegrationTests.Sources.Postgres;
using ContinuousLoad.Jobs.Sources.Cdc;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Changes;

namespace ContinuousLoad.IntegrationTests.Jobs.Cdc;

/// <summary>
/// A PostgreSQL change stream cut into tasks: whole transactions up to a size, the same changes again when
/// a task is re-run, the slot confirmed only up to what the table store holds, and snapshot ranges joined
/// to the stream at the exact point they are read at.
/// </summary>
public sealed class PostgresChangeRangeTests(PostgresServer postgres)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 120_000)]
    public async Task Tasks_take_whole_transactions_re_read_the_same_changes_and_confirm_the_slot_behind_the_store()
    {
        await using var scope = await PostgresScope.CreateAsync(postgres.ConnectionString, Token);
        var table = scope.Table();
        await scope.ExecuteAsync($"CREATE TABLE {table.Quoted} (id int PRIMARY KEY, v text)", Token);
        var source = scope.Source([table]);
        await source.PrepareAsync(Token);
        await (await source.CreateSlotAsync(Token)).DisposeAsync();
        await scope.ExecuteAsync($"INSERT INTO {table.Quoted} VALUES (1, 'one'), (2, 'two')", Token);
        await scope.ExecuteAsync($"BEGIN; UPDATE {table.Quoted} SET v = 'uno' WHERE id = 1; DELETE FROM {table.Quoted} WHERE id = 2; COMMIT", Token);
        await scope.ExecuteAsync($"INSERT INTO {table.Quoted} VALUES (3, 'three')", Token);
        await using var target = await ChangeLoadTarget.CreateAsync("sqlite", postgres, "CREATE TABLE items (id INT, v STRING) UNIQUE KEY(id)", "id, v");

        var first = (await PostgresChangeRange.PlanAsync(source, 0, maxChanges: 6, Token))!;
        var firstChanges = await ReadAsync(source, first);
        var loaded = await target.LoadAsync(firstChanges, "job_1");

        Assert.Equal((4L, 2L), (first.Changes, first.Transactions));
        Assert.Equal(LoadStatus.Success, loaded.Status);
        Assert.Equal(["1|uno"], await target.RowsAsync());
        Assert.Equal(Keys(firstChanges), Keys(await ReadAsync(source, first)));

        var second = (await PostgresChangeRange.PlanAsync(source, first.EndLsn, maxChanges: 6, Token))!;
        Assert.Equal((first.EndLsn, 1L, 1L), (second.StartLsn, second.Changes, second.Transactions));
        Assert.Equal(first.EndLsn, (await source.FindSlotAsync(Token))!.ConfirmedFlushLsn!.Value.Value);
        await target.LoadAsync(await ReadAsync(source, second), "job_2");
        Assert.Equal(["1|uno", "3|three"], await target.RowsAsync());

        Assert.Null(await PostgresChangeRange.PlanAsync(source, second.EndLsn, maxChanges: 6, Token));
        Assert.Equal(second.EndLsn, (await source.FindSlotAsync(Token))!.ConfirmedFlushLsn!.Value.Value);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_snapshot_range_takes_the_changes_before_its_point_then_its_rows_as_of_that_point()
    {
        await using var scope = await PostgresScope.CreateAsync(postgres.ConnectionString, Token);
        var table = scope.Table();
        await scope.ExecuteAsync($"CREATE TABLE {table.Quoted} (id int PRIMARY KEY, v text)", Token);
        await scope.ExecuteAsync($"INSERT INTO {table.Quoted} SELECT i, 'v' || i FROM generate_series(1, 5) i", Token);
        var source = scope.Source([table]);
        await source.PrepareAsync(Token);
        var start = (await source.EnsureSlotAsync(Token)).Value;
        await scope.ExecuteAsync($"UPDATE {table.Quoted} SET v = 'before' WHERE id IN (1, 4)", Token);
        var metadata = await source.ReadTableAsync(table, Token);
        var upTo = await source.FindRangeEndAsync(metadata, null, 3, Token);
        var range = new PostgresSnapshotBatch(start, null, upTo, FinishAfter: false, DateTime.UtcNow);

        List<SourceChange<PgPoint>> read;
        ulong point;
        await using (var snapshot = await source.OpenRangeSnapshotAsync(Token))
        {
            await scope.ExecuteAsync($"UPDATE {table.Quoted} SET v = 'after' WHERE id IN (2, 5)", Token);
            point = snapshot.ConsistentPoint.Value;
            read = await ReadAsync(PostgresChangeRange.OpenAsync(source, range, snapshot, metadata, [], new SnapshotRangeRead(1000), Token));
        }

        Assert.Equal(["3"], upTo);
        Assert.Equal(["TransactionBegin`1", "U1", "U4", "TransactionCommit`1", "I1", "I2", "I3"], Keys(read));
        Assert.Equal(["before", "v2", "v3"], read.OfType<RowInserted<PgPoint>>().Select(r => r.Row["v"]));
        Assert.Equal(new PostgresOffset(point, new SnapshotProgress(["3"])), range.EndAt(point, new SnapshotRangeRead(1000)));

        var next = (await PostgresChangeRange.PlanAsync(source, point, maxChanges: 100, Token))!;
        Assert.Equal(["TransactionBegin`1", "U2", "U5", "TransactionCommit`1"], Keys(await ReadAsync(source, next)));
    }

    [Fact(Timeout = 120_000)]
    public async Task An_update_before_a_snapshot_point_that_did_not_send_a_toast_value_gets_it_from_the_snapshot()
    {
        await using var scope = await PostgresScope.CreateAsync(postgres.ConnectionString, Token);
        var table = scope.Table();
        await scope.ExecuteAsync($"CREATE TABLE {table.Quoted} (id int PRIMARY KEY, n int, big text)", Token);
        await scope.ExecuteAsync($"INSERT INTO {table.Quoted} VALUES (1, 0, (SELECT string_agg(md5(g::text), '') FROM generate_series(1, 250) g))", Token);
        var source = scope.Source([table]);
        await source.PrepareAsync(Token);
        var start = (await source.EnsureSlotAsync(Token)).Value;
        await scope.ExecuteAsync($"UPDATE {table.Quoted} SET n = 1 WHERE id = 1", Token);

        List<SourceChange<PgPoint>> read;
        await using (var snapshot = await source.OpenRangeSnapshotAsync(Token))
        {
            var metadata = await snapshot.ReadTableAsync(table, Token);
            read = await ReadAsync(PostgresChangeRange.OpenAsync(source, new PostgresSnapshotBatch(start, null, null, false, DateTime.UtcNow), snapshot, metadata, [],
                new SnapshotRangeRead(1000), Token));
        }

        var update = read.OfType<RowUpdated<PgPoint>>().Single();
        Assert.True(update.After.IsFull);
        Assert.Equal((1, 8000), ((int)update.After["n"]!, ((string)update.After["big"]!).Length));
    }

    private static Task<List<SourceChange<PgPoint>>> ReadAsync(PostgresSource source, PostgresChangeBatch batch) =>
        ReadAsync(PostgresChangeRange.OpenAsync(source, batch, Token));

    private static async Task<List<SourceChange<PgPoint>>> ReadAsync(IAsyncEnumerable<SourceChange<PgPoint>> read)
    {
        var changes = new List<SourceChange<PgPoint>>();
        await foreach (var change in read)
        {
            changes.Add(change);
        }

        return changes;
    }

    private static List<string> Keys(IEnumerable<SourceChange<PgPoint>> changes) => [.. changes.Where(c => c is not RelationChanged).Select(c => c switch
    {
        RowInserted<PgPoint> i => "I" + i.Row["id"],
        RowUpdated<PgPoint> u => "U" + u.After["id"],
        RowDeleted<PgPoint> d => "D" + d.Before["id"],
        _ => c.GetType().Name,
    })];
}
