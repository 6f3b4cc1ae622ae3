using System.Globalization;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Changes;
using ContinuousLoad.Sources.Postgres.Replication;
using ContinuousLoad.Sources.Postgres.Snapshot;
using ContinuousLoad.Sources.Postgres.Values;

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

    /// <summary>
    /// Creates a slot with its snapshot, reads the table in parallel keyset chunks, drops the slot. Every
    /// value is decoded, through the non-boxing typed read where its type has one, and folded into a
    /// checksum that is printed, so none is skipped.
    /// </summary>
    public static async Task<int> SnapshotAsync(string connectionString, string table, int chunkSize, int degree)
    {
        var source = new PostgresSource(new PostgresSourceOptions(connectionString, [TableName.Parse(table)], ReplicationTarget.ForOwner("bench-snapshot")));
        await source.DropOwnedAsync(CancellationToken.None);
        await source.PrepareAsync(CancellationToken.None);
        long rows = 0, checksum = 0;
        try
        {
            await using var snapshot = await source.CreateSlotAsync(CancellationToken.None);
            await source.ReadSnapshotAsync(
                snapshot,
                TableName.Parse(table),
                chunkSize,
                degree,
                (_, row) =>
                {
                    var sum = 0L;
                    for (var i = 0; i < row.FieldCount; i++)
                    {
                        sum += row.IsNull(i) ? 0 : Fold(row, i);
                    }

                    Interlocked.Increment(ref rows);
                    Interlocked.Add(ref checksum, sum);
                    return ValueTask.CompletedTask;
                },
                _ => ValueTask.CompletedTask,
                CancellationToken.None);
        }
        finally
        {
            await source.DropOwnedAsync(CancellationToken.None);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rows {rows} checksum {checksum}"));
        return 0;
    }

    private static long Fold(SnapshotRow row, int column) => row.TypeOf(column).Kind switch
    {
        PgValueKind.Int64 => row.Get<long>(column),
        PgValueKind.Int32 => row.Get<int>(column),
        PgValueKind.Numeric => (long)row.Get<decimal>(column),
        PgValueKind.Text => row.Get<string>(column).Length,
        PgValueKind.TimestampTz => row.Get<DateTimeOffset>(column).UtcTicks,
        _ => row.GetValue(column) is object?[] array ? array.Length : 1,
    };
}
