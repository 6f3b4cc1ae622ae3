using System.Globalization;
using System.Text;

namespace ContinuousLoad.Bench;

/// <summary>
/// Deterministic CSV rows for the table benchmarks: a unique BIGINT key in scattered order, a name,
/// a DECIMAL(12,2) amount, an INT quantity, a DATETIME and a free-text note.
/// </summary>
public static class RowsFile
{
    public const string Columns = "k,name,amount,qty,ts,note";

    public const string DorisTable = """
        CREATE TABLE bench_rows (
            k BIGINT NOT NULL, name VARCHAR(32), amount DECIMAL(12, 2), qty INT, ts DATETIME, note STRING
        ) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 8
        """;

    public static int Generate(string path, long count)
    {
        using var output = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 20);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var line = new StringBuilder(128);
        for (long i = 0; i < count; i++)
        {
            // A multiplicative permutation scatters the keys like real traffic does.
            var key = (i * 2654435761L) % count;
            line.Clear()
                .Append(key.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append("customer_").Append((key % 100_000).ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(((key % 1_000_000) / 100).ToString(CultureInfo.InvariantCulture)).Append('.').Append((key % 100).ToString("D2", CultureInfo.InvariantCulture)).Append(',')
                .Append((key % 50).ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(start.AddSeconds(key % 31_536_000).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(',')
                .Append("note for order ").Append(key.ToString(CultureInfo.InvariantCulture)).Append('\n');
            output.Write(line);
        }

        return 0;
    }
}
