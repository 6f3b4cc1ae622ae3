using System.Buffers.Binary;
using System.Globalization;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// A MySQL GTID set (<c>3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7,...</c>) in the binary form
/// COM_BINLOG_DUMP_GTID carries (MySQL source <c>Gtid_set::encode</c>): number of source ids (8), then per
/// id its 16 UUID bytes, the number of intervals (8) and each interval as start (8) and end exclusive (8).
/// </summary>
public static class MySqlGtidSet
{
    public static byte[] Encode(string gtidSet)
    {
        var sources = gtidSet.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var output = new List<byte>();
        Append(output, (ulong)sources.Length);
        foreach (var source in sources)
        {
            var parts = source.Split(':');
            var uuid = parts[0].Replace("-", "", StringComparison.Ordinal);
            if (uuid.Length != 32 || parts.Length < 2)
            {
                throw new FormatException($"'{source}' is not a GTID set entry: expected uuid:start-end[:start-end...]");
            }

            output.AddRange(Convert.FromHexString(uuid));
            Append(output, (ulong)(parts.Length - 1));
            foreach (var interval in parts.Skip(1))
            {
                var bounds = interval.Split('-');
                var start = ulong.Parse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture);
                var end = bounds.Length > 1 ? ulong.Parse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture) : start;
                if (bounds.Length > 2 || start < 1 || end < start)
                {
                    throw new FormatException($"'{interval}' in '{source}' is not a GTID interval: expected n or start-end with 1 <= start <= end");
                }

                Append(output, start);
                Append(output, end + 1);
            }
        }

        return [.. output];
    }

    private static void Append(List<byte> output, ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        output.AddRange(bytes);
    }
}
