using ContinuousLoad.Ingest.Loading;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.IntegrationTests.Sources.Postgres;
using ContinuousLoad.Jobs.Sources.Cdc;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Changes;

namespace ContinuousLoad.IntegrationTests.Jobs.Cdc;

/// <summary>
/// A PostgreSQL change stream cut into tasks: whole transactions up to a size or a quiet moment, the same
/// changes again when a task is re-run, the slot confirmed only up to what the table store holds.
/// </summary>
public sealed class PostgresChangeRangeTests(PostgresServer postgres)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

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

        var first = (await PostgresChangeRange.PlanAsync(source, null, maxChanges: 3, Quiet, Token))!;
        var firstChanges = await ReadAsync(source, first);
        var loaded = await target.LoadAsync(firstChanges, "job_1");

        Assert.Equal((4L, 2L), (first.Changes, first.Transactions));
        Assert.Equal(LoadStatus.Success, loaded.Status);
        Assert.Equal(["1|uno"], await target.RowsAsync());
        Assert.Equal(Keys(firstChanges), Keys(await ReadAsync(source, first)));

        var second = (await PostgresChangeRange.PlanAsync(source, (PostgresOffset)first.End, maxChanges: 3, Quiet, Token))!;
        Assert.Equal((first.EndLsn, 1L, 1L), (second.StartLsn, second.Changes, second.Transactions));
        Assert.Equal(first.EndLsn, (await source.FindSlotAsync(Token))!.ConfirmedFlushLsn!.Value.Value);
        await target.LoadAsync(await ReadAsync(source, second), "job_2");
        Assert.Equal(["1|uno", "3|three"], await target.RowsAsync());

        Assert.Null(await PostgresChangeRange.PlanAsync(source, (PostgresOffset)second.End, maxChanges: 3, Quiet, Token));
        Assert.Equal(second.EndLsn, (await source.FindSlotAsync(Token))!.ConfirmedFlushLsn!.Value.Value);
    }

    private static async Task<List<SourceChange<PgPoint>>> ReadAsync(PostgresSource source, PostgresChangeBatch batch)
    {
        var changes = new List<SourceChange<PgPoint>>();
        await foreach (var change in PostgresChangeRange.OpenAsync(source, batch, Token))
        {
            changes.Add(change);
        }

        return changes;
    }

    private static List<string> Keys(IEnumerable<SourceChange<PgPoint>> changes) => [.. changes.Select(c => c switch
    {
        RowInserted<PgPoint> i => "I" + i.Row["id"],
        RowUpdated<PgPoint> u => "U" + u.After["id"],
        RowDeleted<PgPoint> d => "D" + d.Before["id"],
        _ => c.GetType().Name,
    })];
}
