namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// MySQL GTID_LOG_EVENT (type 33) and ANONYMOUS_GTID_LOG_EVENT (type 34) (MySQL source
/// <c>control_events.h</c>, Gtid_event): commit flag (1), source UUID (16), transaction number (8), then
/// logical-clock type (1, value 2) with last committed (8) and sequence number (8), then the immediate
/// commit timestamp (7 bytes of microseconds; its top bit says an original commit timestamp follows).
/// MariaDB never sends these (it has <see cref="MariaDbGtidEvent"/>). Fields past the transaction number
/// are optional: older servers end the event earlier.
/// </summary>
public sealed record MySqlGtidEvent(
    BinlogEventHeader Header, byte Flags, Guid SourceId, string SourceUuid, long TransactionNumber,
    long? LastCommitted, long? SequenceNumber, DateTimeOffset? CommitTime) : BinlogEvent(Header)
{
    private const byte LogicalClockType = 2;

    public bool IsAnonymous => Header.EventType == BinlogEventType.AnonymousGtid;

    /// <summary><c>uuid:number</c>, the form of <c>gtid_executed</c>; empty for an anonymous transaction.</summary>
    public string Gtid => IsAnonymous ? "" : $"{SourceUuid}:{TransactionNumber}";

    public static MySqlGtidEvent Create(BinlogEventHeader header, ReadOnlySpan<byte> body)
    {
        var reader = new BinlogSpanReader(body, header.EventType);
        var flags = reader.ReadByte("commit flag");
        var uuid = reader.ReadBytes(16, "source uuid");
        var sourceUuid = FormatUuid(uuid);
        var number = (long)reader.ReadUInt64("transaction number");
        long? lastCommitted = null, sequence = null;
        DateTimeOffset? commitTime = null;
        if (reader.Remaining >= 17 && reader.ReadByte("logical clock type") == LogicalClockType)
        {
            lastCommitted = (long)reader.ReadUInt64("last committed");
            sequence = (long)reader.ReadUInt64("sequence number");
            if (reader.Remaining >= 7)
            {
                var micros = (long)(reader.ReadUIntN(7, "immediate commit timestamp") & ~(1UL << 55));
                commitTime = DateTimeOffset.UnixEpoch.AddTicks(micros * 10);
            }
        }

        return new MySqlGtidEvent(header, flags, new Guid(sourceUuid), sourceUuid, number, lastCommitted, sequence, commitTime);
    }

    // MySQL prints the 16 bytes in order as 8-4-4-4-12 hex (not .NET's mixed-endian Guid byte order).
    private static string FormatUuid(ReadOnlySpan<byte> bytes)
    {
        var hex = Convert.ToHexStringLower(bytes);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
