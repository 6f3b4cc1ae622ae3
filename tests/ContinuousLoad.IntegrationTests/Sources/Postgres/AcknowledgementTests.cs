using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Changes;
using ContinuousLoad.Sources.Postgres.Streaming;

namespace ContinuousLoad.IntegrationTests.Sources.Postgres;

/// <summary>The slot moves only as far as the consumer acknowledged: a new stream resumes right after the last acknowledged transaction.</summary>
public sealed class AcknowledgementTests(PostgresServer postgres)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task A_new_stream_resumes_after_the_last_acknowledged_transaction_and_repeats_the_rest()
    {
        await using var scope = await PostgresScope.CreateAsync(postgres.ConnectionString, Token);
        var table = scope.Table();
        await scope.ExecuteAsync($"CREATE TABLE {table.Quoted} (id int PRIMARY KEY)", Token);
        var source = scope.Source([table], new ChangeStreamOptions { StatusInterval = TimeSpan.FromMilliseconds(200) });
        await source.PrepareAsync(Token);
        await (await source.CreateSlotAsync(Token)).DisposeAsync();
        for (var id = 1; id <= 3; id++)
        {
            await scope.ExecuteAsync($"INSERT INTO {table.Quoted} VALUES ({id})", Token);
        }

        var first = await source.OpenStreamAsync(Token);
        var firstIds = new List<int>();
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(Token))
        {
            await foreach (var change in first.ReadAsync(null, stop.Token))
            {
                if (change is RowInserted<PgPoint> inserted)
                {
                    firstIds.Add((int)inserted.Row["id"]!);
                }
                else if (change is TransactionCommit<PgPoint> commit && firstIds.Count == 1)
                {
                    first.Acknowledge(commit.Position.Lsn); // only the first transaction is durable downstream
                    await first.SendStatusAsync(Token);
                }
                else if (change is TransactionCommit<PgPoint> && firstIds.Count == 3)
                {
                    break;
                }
            }
        }

        var confirmed = (await source.FindSlotAsync(Token))!.ConfirmedFlushLsn;
        var second = await source.OpenStreamAsync(Token);
        var changes = await PostgresScope.CollectAsync(second, null, seen => seen.OfType<RowInserted<PgPoint>>().Count() == 2, Token);

        Assert.Equal([1, 2, 3], firstIds);
        Assert.Equal(first.Acknowledged, confirmed);
        Assert.Equal([2, 3], changes.OfType<RowInserted<PgPoint>>().Select(i => (int)i.Row["id"]!));
    }
}
