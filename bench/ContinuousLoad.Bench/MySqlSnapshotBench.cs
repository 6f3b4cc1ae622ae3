using System.Diagnostics;
using System.Globalization;
using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Sources.MySql.Metadata;
using ContinuousLoad.Sources.MySql.Snapshot;

namespace ContinuousLoad.Bench;

/// <summary>
/// Reads a whole table through a consistent snapshot in primary-key chunks, decoding every value into
/// its .NET representation (what a snapshot load does before conversion). Prints rows, seconds and rows/s.
/// </summary>
public static class MySqlSnapshotBench
{
    public static async Task<int> RunAsync(string connectionString, string qualifiedTable, int chunkSize)
    {
        var options = MySqlConnectionOptions.Parse(connectionString);
        var dot = qualifiedTable.IndexOf('.', StringComparison.Ordinal);
        var (schema, name) = (qualifiedTable[..dot], qualifiedTable[(dot + 1)..]);
        TableInfo table;
        await using (var session = await MySqlSession.OpenAsync(options, CancellationToken.None))
        {
            table = await TableMetadataReader.ReadTableAsync(session, schema, name, CancellationToken.None);
        }

        var clock = Stopwatch.StartNew();
        long rows = 0;
        long nulls = 0;
        var columns = table.Columns.Count;
        await using (var snapshot = await ConsistentSnapshot.BeginAsync(options, SnapshotLocking.Auto, CancellationToken.None))
        {
            var range = KeyRange.All;
            while (true)
            {
                await using var chunk = await snapshot.ReadChunkAsync(table, range, chunkSize, CancellationToken.None);
                while (await chunk.ReadAsync(CancellationToken.None))
                {
                    for (var i = 0; i < columns; i++)
                    {
                        if (chunk.GetValue(i) is null)
                        {
                            nulls++;
                        }
                    }

                    rows++;
                }

                if (chunk.IsLastChunk)
                {
                    break;
                }

                range = chunk.NextRange;
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"rows\":{rows},\"nulls\":{nulls},\"seconds\":{seconds:0.000},\"rows_per_second\":{rows / seconds:0}}}"));
        return 0;
    }
}
