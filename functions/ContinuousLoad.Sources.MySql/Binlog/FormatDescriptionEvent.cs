using System.Text;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// FORMAT_DESCRIPTION_EVENT (type 15, MySQL Internals "FORMAT_DESCRIPTION_EVENT"): the first event of
/// every binlog file and of every dump. It gives the binlog version, the server version, the common header
/// length, the post-header length of each event type (indexed by type − 1) and, since MySQL 5.6.1 / MariaDB
/// 5.3, the checksum algorithm of the events that follow. The FDE itself always ends with the algorithm
/// byte and a 4-byte checksum slot when the server knows about checksums.
/// </summary>
public sealed record FormatDescriptionEvent(
    BinlogEventHeader Header,
    ushort BinlogVersion,
    string ServerVersion,
    byte CommonHeaderLength,
    byte[] PostHeaderLengths,
    ChecksumAlgorithm ChecksumAlgorithm) : BinlogEvent(Header)
{
    private const int FixedPartLength = 2 + 50 + 4 + 1;

    public bool IsMariaDb => ServerVersion.Contains("MariaDB", StringComparison.OrdinalIgnoreCase);

    /// <summary>The post-header length the server declares for <paramref name="type"/>, or <paramref name="fallback"/> when the table is too short.</summary>
    public int PostHeaderLength(BinlogEventType type, int fallback)
    {
        var index = (int)type - 1;
        return index >= 0 && index < PostHeaderLengths.Length ? PostHeaderLengths[index] : fallback;
    }

    /// <param name="body">The bytes after the common header, including the trailing algorithm byte and checksum.</param>
    public static FormatDescriptionEvent Create(BinlogEventHeader header, ReadOnlySpan<byte> body)
    {
        var reader = new BinlogSpanReader(body, BinlogEventType.FormatDescription);
        var binlogVersion = reader.ReadUInt16("binlog version");
        if (binlogVersion != 4)
        {
            throw new BinlogFormatException($"FormatDescription event: expected binlog version 4, found {binlogVersion}; servers before MySQL 5.0 are not supported");
        }

        var versionBytes = reader.ReadBytes(50, "server version");
        var end = versionBytes.IndexOf((byte)0);
        var serverVersion = Encoding.ASCII.GetString(end < 0 ? versionBytes : versionBytes[..end]);
        reader.Skip(4, "create timestamp");
        var headerLength = reader.ReadByte("common header length");
        if (headerLength != BinlogEventHeader.Length)
        {
            throw new BinlogFormatException($"FormatDescription event: expected a common header length of {BinlogEventHeader.Length}, found {headerLength}");
        }

        var rest = reader.ReadToEnd();
        var algorithm = ChecksumAlgorithm.Off;
        if (KnowsChecksums(serverVersion))
        {
            if (rest.Length < 5)
            {
                throw new BinlogFormatException($"FormatDescription event truncated: expected the checksum algorithm byte and a 4-byte checksum after {FixedPartLength} fixed bytes, only {rest.Length} bytes are left");
            }

            algorithm = rest[^5] switch
            {
                0 => ChecksumAlgorithm.Off,
                1 => ChecksumAlgorithm.Crc32,
                var other => throw new BinlogFormatException($"FormatDescription event: expected checksum algorithm 0 (off) or 1 (CRC32), found {other}"),
            };
            rest = rest[..^5];
        }

        return new FormatDescriptionEvent(header, binlogVersion, serverVersion, headerLength, rest.ToArray(), algorithm);
    }

    // Checksums arrived in MySQL 5.6.1 and MariaDB 5.3; every MariaDB 10+ qualifies.
    private static bool KnowsChecksums(string serverVersion)
    {
        var parts = serverVersion.Split('.', '-');
        if (parts.Length < 3 || !int.TryParse(parts[0], out var major) || !int.TryParse(parts[1], out var minor))
        {
            return true;
        }

        _ = int.TryParse(parts[2], out var patch);
        var mariaDb = serverVersion.Contains("MariaDB", StringComparison.OrdinalIgnoreCase);
        return mariaDb ? (major, minor).CompareTo((5, 3)) >= 0 : (major, minor, patch).CompareTo((5, 6, 1)) >= 0;
    }
}
