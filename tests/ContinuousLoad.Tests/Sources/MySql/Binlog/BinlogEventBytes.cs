using System.Buffers.Binary;
using System.Text;
using ContinuousLoad.Sources.MySql.Binlog;

namespace ContinuousLoad.Tests.Sources.MySql.Binlog;

/// <summary>Builds binlog events byte by byte from the documented layouts (header, body, CRC32).</summary>
internal static class BinlogEventBytes
{
    public static byte[] Event(BinlogEventType type, byte[] body, bool checksum = true, uint nextPosition = 1000, uint timestamp = 1_700_000_000, uint serverId = 1)
    {
        var length = BinlogEventHeader.Length + body.Length + (checksum ? 4 : 0);
        var bytes = new byte[length];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, timestamp);
        bytes[4] = (byte)type;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(5), serverId);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(9), (uint)length);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(13), nextPosition);
        body.CopyTo(bytes, BinlogEventHeader.Length);
        if (checksum)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(length - 4), Crc32.Compute(bytes.AsSpan(0, length - 4)));
        }

        return bytes;
    }

    /// <summary>A MySQL 8.0 FORMAT_DESCRIPTION (v2 rows events with a 10-byte post-header) with CRC32 on.</summary>
    public static byte[] MySql8FormatDescription(bool checksum = true) => FormatDescription("8.0.36", checksum);

    public static byte[] MariaDbFormatDescription(bool checksum = true) => FormatDescription("10.11.19-MariaDB-log", checksum);

    public static byte[] FormatDescription(string version, bool checksum)
    {
        var postHeaders = new byte[41];
        postHeaders[(int)BinlogEventType.Query - 1] = 13;
        postHeaders[(int)BinlogEventType.Rotate - 1] = 8;
        postHeaders[(int)BinlogEventType.TableMap - 1] = 8;
        foreach (var type in new[] { BinlogEventType.WriteRowsV1, BinlogEventType.UpdateRowsV1, BinlogEventType.DeleteRowsV1 })
        {
            postHeaders[(int)type - 1] = 8;
        }

        foreach (var type in new[] { BinlogEventType.WriteRowsV2, BinlogEventType.UpdateRowsV2, BinlogEventType.DeleteRowsV2 })
        {
            postHeaders[(int)type - 1] = 10;
        }

        postHeaders[(int)BinlogEventType.MySqlGtid - 1] = 42;
        var body = new List<byte>();
        body.AddRange([4, 0]);
        var versionBytes = new byte[50];
        Encoding.ASCII.GetBytes(version).CopyTo(versionBytes, 0);
        body.AddRange(versionBytes);
        body.AddRange([0, 0, 0, 0, 19]);
        body.AddRange(postHeaders);
        body.Add(checksum ? (byte)1 : (byte)0);
        var bytes = Event(BinlogEventType.FormatDescription, [.. body], checksum: true);
        if (!checksum)
        {
            bytes.AsSpan(bytes.Length - 4).Clear();
        }

        return bytes;
    }

    public static byte[] LittleEndian(ulong value, int size)
    {
        var bytes = new byte[size];
        for (var i = 0; i < size; i++)
        {
            bytes[i] = (byte)(value >> (8 * i));
        }

        return bytes;
    }

    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    /// <summary>A TABLE_MAP body: table id, flags, names, column types, metadata, null bitmap, optional metadata.</summary>
    public static byte[] TableMapBody(ulong tableId, string schema, string table, byte[] types, byte[] metadata, byte[]? optional = null)
    {
        var nulls = new byte[(types.Length + 7) / 8];
        Array.Fill(nulls, (byte)0xFF);
        return Concat(
            LittleEndian(tableId, 6), [1, 0],
            [(byte)schema.Length], Encoding.UTF8.GetBytes(schema), [0],
            [(byte)table.Length], Encoding.UTF8.GetBytes(table), [0],
            [(byte)types.Length], types, [(byte)metadata.Length], metadata, nulls, optional ?? []);
    }
}
