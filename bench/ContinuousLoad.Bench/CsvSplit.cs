using System.Diagnostics;
using ContinuousLoad.Ingest.Formats.Csv;

namespace ContinuousLoad.Bench;

/// <summary>
/// CSV field splitting alone: the load path's reader over a file already in memory, every field of
/// every row visited. Prints bytes, rows, fields, seconds and GB/s (the best of three passes).
/// </summary>
public static class CsvSplit
{
    public static async Task<int> RunAsync(string file)
    {
        var data = await File.ReadAllBytesAsync(file);
        var format = new CsvFormat(","u8.ToArray(), "\n"u8.ToArray());
        var best = TimeSpan.MaxValue;
        long rows = 0, fields = 0, touched = 0;
        for (var pass = 0; pass < 3; pass++)
        {
            rows = fields = touched = 0;
            var clock = Stopwatch.StartNew();
            await using (var reader = new CsvReader(new MemoryStream(data, writable: false), format))
            {
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    rows++;
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        touched += reader.Field(i).Length;
                    }

                    fields += reader.FieldCount;
                }
            }

            best = clock.Elapsed < best ? clock.Elapsed : best;
        }

        Console.WriteLine($"{{\"bytes\":{data.Length},\"rows\":{rows},\"fields\":{fields},\"fieldBytes\":{touched},\"seconds\":{best.TotalSeconds:0.000},\"gbPerSecond\":{data.Length / best.TotalSeconds / 1e9:0.00}}}");
        return 0;
    }
}
