using System.Buffers.Binary;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// The v4 common header every binlog event starts with (MySQL Internals, Binlog Event Header; same in
/// MariaDB): timestamp, type, server id, total event length, position of the next event, flags.
/// </summary>
public readonly record struct BinlogEventHeader(
    uint Timestamp, BinlogEventType EventType, uint ServerId, uint EventLength, uint NextPosition, ushort Flags)
{
    public const int Length = 19;

    /// <summary>When the statement started on the source (seconds since the Unix epoch, UTC).</summary>
    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeSeconds(Timestamp);

    public static BinlogEventHeader Create(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Length)
        {
            throw new BinlogFormatException($"binlog event truncated: the header needs {Length} bytes, got {bytes.Length}");
        }

        var header = new BinlogEventHeader(
            BinaryPrimitives.ReadUInt32LittleEndian(bytes),
            (BinlogEventType)bytes[4],
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[5..]),
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[9..]),
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[13..]),
            BinaryPrimitives.ReadUInt16LittleEndian(bytes[17..]));
        if (header.EventLength < Length)
        {
            throw new BinlogFormatException($"{header.EventType} event: the header says the event is {header.EventLength} bytes, shorter than the {Length}-byte header itself");
        }

        return header;
    }
}
