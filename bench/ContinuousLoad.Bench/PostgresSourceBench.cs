using System.Globalization;
using ContinuousLoad.Sources.Changes;
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
                case RowInserted<PgPoint> or RowUpdated<PgPoint> or RowDeleted<PgPoint>:
                    rows++;
                    break;
                case TransactionCommit<PgPoint> commit:
                    transactions++;
                    stream.Acknowledge(commit.Position.Lsn);
                    if (commit.Position.Lsn >= end)
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
        // Per-thread slots a cache line apart: readers on their own threads do not contend for one counter.
        var rows = new long[64 * 8];
        var checksum = new long[64 * 8];
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

                    var slot = (Environment.CurrentManagedThreadId & 63) * 8;
                    Interlocked.Increment(ref rows[slot]);
                    Interlocked.Add(ref checksum[slot], sum);
                    return ValueTask.CompletedTask;
                },
                _ => ValueTask.CompletedTask,
                CancellationToken.None);
        }
        finally
        {
            await source.DropOwnedAsync(CancellationToken.None);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rows {rows.Sum()} checksum {checksum.Aggregate(0L, (total, part) => unchecked(total + part))}"));
        return 0;
    }

    private static long Fold(SnapshotRow row, int column) => row.TypeOf(column).Kind switch
    {
        PgValueKind.Int64 => row.Get<long>(column),
        PgValueKind.Int32 => row.Get<int>(column),
        PgValueKind.Numeric => LowBits(row.Get<decimal>(column)),
        PgValueKind.Text => row.Get<string>(column).Length,
        PgValueKind.TimestampTz => row.Get<DateTimeOffset>(column).UtcTicks,
        _ => row.GetValue(column) is object?[] array ? array.Length : 1,
    };

    private static long LowBits(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        return bits[0] ^ ((long)bits[3] << 32);
    }
}
