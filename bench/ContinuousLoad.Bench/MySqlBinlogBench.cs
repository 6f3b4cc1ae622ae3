using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Sources.MySql.Binlog;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Bench;

/// <summary>
/// The binlog change stream read from the server over the replication protocol, from a start position until
/// a known end position, every value of every row image read through its typed getter (no boxing) and
/// folded into a printed checksum, so none is skipped. Prints row changes, events, rates, the time to the
/// first change and what the process has JIT-compiled and allocated, once per pass: the first pass of a
/// process includes start-up and JIT warm-up, later ones show the steady state a long-running stream reaches.
/// </summary>
public static class MySqlBinlogBench
{
    public static async Task<int> RunAsync(string connection, string file, string position, string endFile, string endPosition, int passes)
    {
        for (var pass = 1; pass <= passes; pass++)
        {
            Console.Write(string.Create(CultureInfo.InvariantCulture, $"pass {pass}: "));
            await PassAsync(connection, file, position, endFile, endPosition);
        }

        return 0;
    }

    private static async Task PassAsync(string connection, string file, string position, string endFile, string endPosition)
    {
        var options = new BinlogStreamOptions(MySqlConnectionOptions.Parse(connection))
        {
            StopAt = new BinlogPosition(endFile, long.Parse(endPosition, CultureInfo.InvariantCulture)),
        };
        var clock = Stopwatch.StartNew();
        long rows = 0, transactions = 0, values = 0, checksum = 0;
        TimeSpan? firstChange = null;
        var jitAtFirstChange = (Methods: 0L, Milliseconds: 0.0);
        await foreach (var change in new BinlogClient(options).StreamAsync(BinlogStart.At(file, long.Parse(position, CultureInfo.InvariantCulture)), CancellationToken.None))
        {
            if (firstChange is null)
            {
                firstChange = clock.Elapsed;
                jitAtFirstChange = (JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime().TotalMilliseconds);
            }

            switch (change)
            {
                case RowInserted<BinlogPoint> inserted:
                    rows++;
                    checksum = Fold(checksum, (RowImage)inserted.Row, ref values);
                    break;
                case RowUpdated<BinlogPoint> updated:
                    rows++;
                    checksum = Fold(Fold(checksum, (RowImage)updated.Before!, ref values), (RowImage)updated.After, ref values);
                    break;
                case RowDeleted<BinlogPoint> deleted:
                    rows++;
                    checksum = Fold(checksum, (RowImage)deleted.Before, ref values);
                    break;
                case TransactionCommit<BinlogPoint>:
                    transactions++;
                    break;
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var startedAt = Process.GetCurrentProcess().StartTime;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"row changes {rows}, transactions {transactions}, values {values}, checksum {checksum:x16}, first change after {firstChange?.TotalSeconds:0.000} s (process up {(DateTime.Now - startedAt).TotalSeconds - seconds + (firstChange?.TotalSeconds ?? 0):0.000} s, {jitAtFirstChange.Methods} methods JIT-compiled in {jitAtFirstChange.Milliseconds:0} ms), {seconds:0.00} s, {rows / seconds:0} row changes/s; " +
            $"so far in the process: {JitInfo.GetCompiledMethodCount()} methods JIT-compiled in {JitInfo.GetCompilationTime().TotalMilliseconds:0} ms, " +
            $"{GC.CollectionCount(0)} gen0 GCs, {GC.GetTotalAllocatedBytes() / 1048576} MB allocated, {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms paused"));
    }

    // Every value is decoded through its typed getter (nothing boxed) and folded into the checksum, so none is skipped.
    private static long Fold(long checksum, RowImage image, ref long values)
    {
        for (var i = 0; i < image.Count; i++)
        {
            values++;
            checksum = unchecked((checksum * 31) + (image.IsNull(i) ? 1 : image.Kind(i) switch
            {
                MySqlValueKind.Int64 => image.GetInt64(i),
                MySqlValueKind.UInt64 or MySqlValueKind.Bit => (long)image.GetUInt64(i),
                MySqlValueKind.Decimal => image.GetDecimal(i).GetHashCode(),
                MySqlValueKind.Single => BitConverter.SingleToInt32Bits(image.GetSingle(i)),
                MySqlValueKind.Double => BitConverter.DoubleToInt64Bits(image.GetDouble(i)),
                MySqlValueKind.Date => image.TryGetDateOnly(i, out var date) ? date.DayNumber : Fold(image.GetString(i)),
                MySqlValueKind.DateTime or MySqlValueKind.Timestamp => image.TryGetDateTime(i, out var dateTime) ? dateTime.Ticks : Fold(image.GetString(i)),
                MySqlValueKind.Time => image.GetTimeSpan(i).Ticks,
                MySqlValueKind.Year => image.GetInt32(i),
                MySqlValueKind.Bytes => image.GetBytes(i) is var bytes && bytes.Length > 0 ? bytes.Length * 257 + bytes[^1] : 0,
                _ => Fold(image.GetString(i)),
            }));
        }

        return checksum;
    }

    // A cheap fold of a decoded string: its length and its first and last characters.
    private static long Fold(string text) => text.Length == 0 ? 0 : (text.Length * 65537L) + (text[0] * 257L) + text[^1];
}
