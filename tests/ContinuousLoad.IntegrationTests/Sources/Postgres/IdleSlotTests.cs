using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Streaming;

namespace ContinuousLoad.IntegrationTests.Sources.Postgres;

/// <summary>
/// pgoutput sends nothing for tables outside the publication, so a slot whose tables are quiet would pin
/// WAL while the rest of the database churns. The stream confirms the server's position while idle.
/// </summary>
public sealed class IdleSlotTests(PostgresServer postgres)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 120_000)]
    public async Task An_idle_slot_keeps_advancing_while_other_tables_churn()
    {
        await using var scope = await PostgresScope.CreateAsync(postgres.ConnectionString, Token);
        var (watched, other) = (scope.Table(), scope.Table("_other"));
        await scope.ExecuteAsync($"CREATE TABLE {watched.Quoted} (id int PRIMARY KEY); CREATE TABLE {other.Quoted} (id int PRIMARY KEY, v text)", Token);
        var source = scope.Source([watched], new ChangeStreamOptions { StatusInterval = TimeSpan.FromMilliseconds(300) });
        await source.PrepareAsync(Token);
        Lsn created;
        await using (var snapshot = await source.CreateSlotAsync(Token))
        {
            created = snapshot.ConsistentPoint;
        }

        var stream = await source.OpenStreamAsync(Token);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var received = 0;
        var reading = Task.Run(async () =>
        {
            await foreach (var _ in stream.ReadAsync(null, stop.Token))
            {
                received++;
            }
        }, Token);

        for (var batch = 0; batch < 20; batch++)
        {
            await scope.ExecuteAsync($"INSERT INTO {other.Quoted} SELECT g, repeat('x', 100) FROM generate_series({batch * 500}, {(batch * 500) + 499}) g", Token);
        }

        var target = Lsn.Parse(await scope.ScalarAsync<string>("SELECT pg_current_wal_lsn()::text", Token));
        var confirmed = created;
        for (var attempt = 0; attempt < 300 && confirmed < target; attempt++)
        {
            await Task.Delay(100, Token);
            confirmed = Lsn.Parse(await scope.ScalarAsync<string>(
                $"SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = '{source.Target.SlotName}'", Token));
        }

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
        Assert.True(confirmed >= target, $"confirmed_flush_lsn {confirmed} stayed behind the churn's end {target} (slot created at {created})");
        Assert.Equal(0, received);
    }
}
