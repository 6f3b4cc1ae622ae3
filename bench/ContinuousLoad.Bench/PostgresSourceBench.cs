using System.Globalization;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Changes;
using ContinuousLoad.Sources.Postgres.Replication;

namespace ContinuousLoad.Bench;

/// <summary>The PostgreSQL source's side of bench/postgres-source.sh: decode a slot's changes, read a table's snapshot.</summary>
internal static class PostgresSourceBench
{
    /// <summary>Reads the slot until a commit ends at or after <paramref name="endLsn"/>, decoding every value; acknowledges as it goes.</summary>
    public static async Task<int> StreamAsync(string connectionString, string table, string slot, string publication, string endLsn)
    {
        var end = Lsn.Parse(endLsn);
        var source = new PostgresSource(new PostgresSourceOptions(connectionString, [TableName.Parse(table)], ReplicationTarget.UserSupplied(slot, publication)));
        var stream = await source.OpenStreamAsync(CancellationToken.None);
        long rows = 0, transactions = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        await foreach (var change in stream.ReadAsync(null, timeout.Token))
        {
            switch (change)
            {
                case RowInserted or RowUpdated or RowDeleted:
                    rows++;
                    break;
                case TransactionCommit commit:
                    transactions++;
                    stream.Acknowledge(commit.EndLsn);
                    if (commit.EndLsn >= end)
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"changes {rows} transactions {transactions}"));
                        return 0;
                    }

                    break;
            }
        }

        return 1;
    }

    /// <summary>Creates a slot with its snapshot, reads the table in parallel keyset chunks, drops the slot.</summary>
    public static async Task<int> SnapshotAsync(string connectionString, string table, int chunkSize, int degree)
    {
        var source = new PostgresSource(new PostgresSourceOptions(connectionString, [TableName.Parse(table)], ReplicationTarget.ForOwner("bench-snapshot")));
        await source.DropOwnedAsync(CancellationToken.None);
        await source.PrepareAsync(CancellationToken.None);
        long rows = 0;
        try
        {
            await using var snapshot = await source.CreateSlotAsync(CancellationToken.None);
            await source.ReadSnapshotAsync(
                snapshot,
                TableName.Parse(table),
                chunkSize,
                degree,
                (_, _) =>
                {
                    Interlocked.Increment(ref rows);
                    return ValueTask.CompletedTask;
                },
                _ => ValueTask.CompletedTask,
                CancellationToken.None);
        }
        finally
        {
            await source.DropOwnedAsync(CancellationToken.None);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rows {rows}"));
        return 0;
    }
}
