using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// Turns the bytes of one event (header, body, optional CRC32) into a <see cref="BinlogEvent"/>. It keeps
/// what the stream's earlier events define: the FORMAT_DESCRIPTION (post-header lengths, checksum
/// algorithm) and the TABLE_MAP of each table id. Not thread-safe: one parser per stream.
/// </summary>
public sealed class BinlogEventParser(ChecksumAlgorithm checksum = ChecksumAlgorithm.Off)
{
    private const ushort InUseFlag = 1;
    private readonly Dictionary<ulong, TableMapEvent> _tables = [];

    /// <summary>The checksum algorithm of the events that follow. Before the first FORMAT_DESCRIPTION (the
    /// dump's artificial ROTATE) it is the one the client negotiated.</summary>
    public ChecksumAlgorithm Checksum { get; private set; } = checksum;

    public FormatDescriptionEvent? FormatDescription { get; private set; }

    public bool TryGetTableMap(ulong tableId, out TableMapEvent tableMap) => _tables.TryGetValue(tableId, out tableMap!);

    /// <exception cref="BinlogFormatException">The bytes are not one well-formed event.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public BinlogEvent Parse(ReadOnlySpan<byte> bytes)
    {
        var header = BinlogEventHeader.Create(bytes);
        if (header.EventLength != bytes.Length)
        {
            throw new BinlogFormatException($"{header.EventType} event: the header says {header.EventLength} bytes, the packet holds {bytes.Length}");
        }

        if (header.EventType == BinlogEventType.FormatDescription)
        {
            var description = FormatDescriptionEvent.Create(header, bytes[BinlogEventHeader.Length..]);
            if (description.ChecksumAlgorithm == ChecksumAlgorithm.Crc32)
            {
                Verify(header, bytes);
            }

            FormatDescription = description;
            Checksum = description.ChecksumAlgorithm;
            _tables.Clear();
            return description;
        }

        var body = bytes[BinlogEventHeader.Length..];
        if (Checksum == ChecksumAlgorithm.Crc32)
        {
            Verify(header, bytes);
            body = body[..^4];
        }

        return Create(header, body);
    }

    private BinlogEvent Create(BinlogEventHeader header, ReadOnlySpan<byte> body)
    {
        var type = header.EventType;
        switch (type)
        {
            case BinlogEventType.Query:
                return QueryEvent.Create(header, body, PostHeader(type, 13));
            case BinlogEventType.Rotate:
                return RotateEvent.Create(header, body, PostHeader(type, 8));
            case BinlogEventType.Xid:
                return XidEvent.Create(header, body);
            case BinlogEventType.Stop:
                return new StopEvent(header);
            case BinlogEventType.TableMap:
                var tableMap = TableMapEvent.Create(header, body, PostHeader(type, 8));
                _tables[tableMap.TableId] = tableMap;
                return tableMap;
            case BinlogEventType.WriteRowsV1 or BinlogEventType.WriteRowsV2:
                return WriteRowsEvent.Create(header, body, PostHeader(type, type == BinlogEventType.WriteRowsV1 ? 8 : 10));
            case BinlogEventType.UpdateRowsV1 or BinlogEventType.UpdateRowsV2:
                return UpdateRowsEvent.Create(header, body, PostHeader(type, type == BinlogEventType.UpdateRowsV1 ? 8 : 10));
            case BinlogEventType.DeleteRowsV1 or BinlogEventType.DeleteRowsV2:
                return DeleteRowsEvent.Create(header, body, PostHeader(type, type == BinlogEventType.DeleteRowsV1 ? 8 : 10));
            case BinlogEventType.Heartbeat or BinlogEventType.HeartbeatV2:
                return HeartbeatEvent.Create(header, body);
            case BinlogEventType.MariaDbGtid:
                return MariaDbGtidEvent.Create(header, body);
            case BinlogEventType.GtidList:
                return GtidListEvent.Create(header, body);
            case BinlogEventType.AnnotateRows:
                return AnnotateRowsEvent.Create(header, body);
            case BinlogEventType.BinlogCheckpoint:
                return BinlogCheckpointEvent.Create(header, body);
            case BinlogEventType.MySqlGtid or BinlogEventType.AnonymousGtid:
                return MySqlGtidEvent.Create(header, body);
            case BinlogEventType.QueryCompressed or BinlogEventType.WriteRowsCompressedV1
                or BinlogEventType.UpdateRowsCompressedV1 or BinlogEventType.DeleteRowsCompressedV1:
                throw new BinlogFormatException($"{type} event: compressed binlog events are not supported; set log_bin_compress=OFF on the MariaDB server");
            case BinlogEventType.TransactionPayload:
                throw new BinlogFormatException("TransactionPayload event: compressed transactions are not supported; set binlog_transaction_compression=OFF on the MySQL server");
            default:
                return new UnknownEvent(header);
        }
    }

    private int PostHeader(BinlogEventType type, int fallback) => FormatDescription?.PostHeaderLength(type, fallback) ?? fallback;

    private static void Verify(BinlogEventHeader header, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < BinlogEventHeader.Length + 4)
        {
            throw new BinlogFormatException($"{header.EventType} event truncated: expected room for a 4-byte CRC32 after the header, the event is {bytes.Length} bytes");
        }

        var expected = BinaryPrimitives.ReadUInt32LittleEndian(bytes[^4..]);
        var actual = Crc32.Compute(bytes[..^4]);
        if (actual != expected && header.EventType == BinlogEventType.FormatDescription && (header.Flags & InUseFlag) != 0)
        {
            // The server sets LOG_EVENT_BINLOG_IN_USE_F in an open file's FDE after computing its checksum.
            var rest = bytes[17..^4].ToArray();
            rest[0] &= unchecked((byte)~InUseFlag);
            actual = Crc32.Append(Crc32.Compute(bytes[..17]), rest);
        }

        if (expected != actual)
        {
            throw new BinlogChecksumException(header.EventType, expected, actual);
        }
    }
}
