using System.Globalization;
using System.Text;

namespace ContinuousLoad.Bench;

/// <summary>
/// Deterministic rows for the Stream Load benchmark, written twice: as CSV and as JSON lines holding
/// the same values. About 100 bytes a row: a unique BIGINT key in scattered order, text, DECIMAL, INT,
/// DOUBLE, BOOLEAN, DATE, DATETIME and a free-text note.
/// </summary>
public static class LoadRowsFile
{
    public const string DorisTable = """
        CREATE TABLE load_rows (
            k BIGINT NOT NULL, name VARCHAR(32), amount DECIMAL(12, 2), qty INT, ratio DOUBLE, active BOOLEAN,
            day DATE, ts DATETIME, note STRING
        ) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 8
        """;

    public static int Generate(string csvPath, string jsonPath, long count)
    {
        using var csv = new StreamWriter(csvPath, append: false, new UTF8Encoding(false), 1 << 20);
        using var json = new StreamWriter(jsonPath, append: false, new UTF8Encoding(false), 1 << 20);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var line = new StringBuilder(256);
        for (long i = 0; i < count; i++)
        {
            // A multiplicative permutation scatters the keys like real traffic does.
            var key = (i * 2654435761L) % count;
            var name = "customer_" + (key % 100_000).ToString(CultureInfo.InvariantCulture);
            var amount = ((key % 1_000_000) / 100).ToString(CultureInfo.InvariantCulture) + "." + (key % 100).ToString("D2", CultureInfo.InvariantCulture);
            var qty = (key % 50).ToString(CultureInfo.InvariantCulture);
            var ratio = ((key % 9973) / 97.0).ToString("R", CultureInfo.InvariantCulture);
            var active = key % 3 == 0 ? "true" : "false";
            var day = start.AddDays(key % 366).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var ts = start.AddSeconds(key % 31_536_000).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            var note = "note for order " + key.ToString(CultureInfo.InvariantCulture) + " shipped";
            var k = key.ToString(CultureInfo.InvariantCulture);

            csv.Write(line.Clear().AppendJoin(',', k, name, amount, qty, ratio, active, day, ts, note).Append('\n'));
            json.Write(line.Clear()
                .Append("{\"k\":").Append(k).Append(",\"name\":\"").Append(name).Append("\",\"amount\":").Append(amount)
                .Append(",\"qty\":").Append(qty).Append(",\"ratio\":").Append(ratio).Append(",\"active\":").Append(active)
                .Append(",\"day\":\"").Append(day).Append("\",\"ts\":\"").Append(ts).Append("\",\"note\":\"").Append(note).Append("\"}\n"));
        }

        return 0;
    }
}
