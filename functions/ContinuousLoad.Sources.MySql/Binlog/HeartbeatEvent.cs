namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// HEARTBEAT_LOG_EVENT (type 27) and MySQL 8.0.26+'s HEARTBEAT_LOG_EVENT_V2 (type 41): sent by the server
/// when nothing was written for <c>@master_heartbeat_period</c>. Never stored in a binlog file; it says the
/// connection is alive and where the server is (<see cref="File"/>, <see cref="Position"/>).
/// </summary>
public sealed record HeartbeatEvent(BinlogEventHeader Header, string File, ulong Position) : BinlogEvent(Header)
{
    private const byte EndMark = 0;
    private const byte FileNameField = 1;
    private const byte PositionField = 2;

    public static HeartbeatEvent Create(BinlogEventHeader header, ReadOnlySpan<byte> body)
    {
        var reader = new BinlogSpanReader(body, header.EventType);
        if (header.EventType != BinlogEventType.HeartbeatV2)
        {
            return new HeartbeatEvent(header, reader.ReadString(reader.Remaining, "file name"), header.NextPosition);
        }

        // V2: type byte, length-encoded length, value; position is a length-encoded integer.
        var file = "";
        ulong position = header.NextPosition;
        while (reader.Remaining > 0)
        {
            var field = reader.ReadByte("field type");
            if (field == EndMark)
            {
                break;
            }

            var length = reader.ReadLengthEncodedLength("field length");
            var value = reader.ReadBytes(length, "field value");
            if (field == FileNameField)
            {
                file = System.Text.Encoding.UTF8.GetString(value);
            }
            else if (field == PositionField)
            {
                var inner = new BinlogSpanReader(value, header.EventType);
                position = inner.ReadLengthEncoded("position");
            }
        }

        return new HeartbeatEvent(header, file, position);
    }
}
