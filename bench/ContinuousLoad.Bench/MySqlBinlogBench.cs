using System.Diagnostics;
using System.Globalization;
using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Sources.MySql.Binlog;

namespace ContinuousLoad.Bench;

/// <summary>
/// The binlog change stream read from the server over the replication protocol, every row decoded into
/// typed values, from a start position until a known end position. Prints row changes, events and rates,
/// once per pass: the first pass of a process includes JIT warm-up, later ones show the steady state a
/// long-running stream reaches.
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
        long rows = 0, transactions = 0, touched = 0;
        await foreach (var change in new BinlogClient(options).StreamAsync(BinlogStart.At(file, long.Parse(position, CultureInfo.InvariantCulture)), CancellationToken.None))
        {
            switch (change)
            {
                case RowInserted inserted:
                    rows++;
                    touched += inserted.Row.Count;
                    break;
                case RowUpdated updated:
                    rows++;
                    touched += updated.Before.Count + updated.After.Count;
                    break;
                case RowDeleted deleted:
                    rows++;
                    touched += deleted.Row.Count;
                    break;
                case TransactionCommit:
                    transactions++;
                    break;
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"row changes {rows}, transactions {transactions}, values {touched}, {seconds:0.00} s, {rows / seconds:0} row changes/s"));
    }
}
