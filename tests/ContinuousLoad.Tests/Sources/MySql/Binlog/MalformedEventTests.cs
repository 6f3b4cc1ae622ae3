using System.Text;
using ContinuousLoad.Sources.MySql.Binlog;
using static ContinuousLoad.Tests.Sources.MySql.Binlog.BinlogEventBytes;

namespace ContinuousLoad.Tests.Sources.MySql.Binlog;

/// <summary>Truncated events, bad checksums and lying lengths give a clear format error naming expected and actual.</summary>
public sealed class MalformedEventTests
{
    [Fact]
    public void A_packet_shorter_than_its_header_says_is_refused()
    {
        var bytes = Event(BinlogEventType.Xid, LittleEndian(1, 8));

        var error = Assert.Throws<BinlogFormatException>(() => Parser().Parse(bytes.AsSpan(0, bytes.Length - 3)));

        Assert.Contains($"the header says {bytes.Length} bytes, the packet holds {bytes.Length - 3}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_cut_short_is_refused()
    {
        var error = Assert.Throws<BinlogFormatException>(() => Parser().Parse(new byte[10]));

        Assert.Contains("the header needs 19 bytes, got 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_event_fails_its_checksum_with_both_values()
    {
        var bytes = Event(BinlogEventType.Xid, LittleEndian(1, 8));
        bytes[20] ^= 0x40;

        var error = Assert.Throws<BinlogChecksumException>(() => Parser().Parse(bytes));

        Assert.NotEqual(error.Expected, error.Actual);
        Assert.Contains($"0x{error.Expected:x8}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"0x{error.Actual:x8}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Xid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lengths_pointing_past_the_event_are_refused_with_the_field_name()
    {
        var query = Concat(LittleEndian(1, 4), LittleEndian(0, 4), [200], LittleEndian(0, 2), LittleEndian(0, 2), Encoding.ASCII.GetBytes("db\0SELECT 1"));
        var gtidList = Concat(LittleEndian(1000, 4), new byte[16]);
        var rows = Concat(LittleEndian(7, 6), [0, 0], [0xFD, 0xFF, 0xFF, 0x00], [1]);

        var queryError = Assert.Throws<BinlogFormatException>(() => Parser().Parse(Event(BinlogEventType.Query, query)));
        var listError = Assert.Throws<BinlogFormatException>(() => Parser().Parse(Event(BinlogEventType.GtidList, gtidList)));
        var rowsError = Assert.Throws<BinlogFormatException>(() => Parser().Parse(Event(BinlogEventType.WriteRowsV1, rows)));

        Assert.Contains("schema needs 200 bytes", queryError.Message, StringComparison.Ordinal);
        Assert.Contains("1000 GTIDs need 16000 bytes, only 16 are left", listError.Message, StringComparison.Ordinal);
        Assert.Contains("65535 columns", rowsError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_map_whose_metadata_block_disagrees_with_its_columns_is_refused()
    {
        var body = TableMapBody(1, "db", "t", [3], [0x01, 0x02]);

        var error = Assert.Throws<BinlogFormatException>(() => Parser().Parse(Event(BinlogEventType.TableMap, body)));

        Assert.Contains("the column metadata block is 2 bytes, the column types use 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_v2_rows_event_with_an_impossible_extra_data_length_is_refused()
    {
        var parser = new BinlogEventParser();
        parser.Parse(MySql8FormatDescription());

        var error = Assert.Throws<BinlogFormatException>(() => parser.Parse(Event(BinlogEventType.WriteRowsV2, Concat(LittleEndian(1, 6), [0, 0], [1, 0], [1], [1]))));

        Assert.Contains("at least 2, found 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compressed_events_and_old_binlog_versions_say_what_to_change()
    {
        Assert.Contains("log_bin_compress=OFF", Assert.Throws<BinlogFormatException>(() => Parser().Parse(Event(BinlogEventType.WriteRowsCompressedV1, new byte[12]))).Message, StringComparison.Ordinal);
        var oldDescription = MariaDbFormatDescription();
        oldDescription[19] = 3;
        Assert.Contains("expected binlog version 4, found 3", Assert.Throws<BinlogFormatException>(() => new BinlogEventParser().Parse(oldDescription)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_the_binlog_magic_is_refused()
    {
        var error = Assert.Throws<BinlogFormatException>(() => new BinlogFileReader(new MemoryStream("GIF8"u8.ToArray())).ReadEvent());

        Assert.Contains("expected the magic fe 62 69 6e, found 47494638", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_binlog_file_reads_event_by_event_with_positions()
    {
        var events = Concat([0xFE, (byte)'b', (byte)'i', (byte)'n'], MariaDbFormatDescription(), Event(BinlogEventType.Xid, LittleEndian(5, 8)));
        var reader = new BinlogFileReader(new MemoryStream(events));
        var parser = new BinlogEventParser();

        Assert.IsType<FormatDescriptionEvent>(parser.Parse(reader.ReadEvent()));
        Assert.Equal(5UL, Assert.IsType<XidEvent>(parser.Parse(reader.ReadEvent())).Xid);
        Assert.Null(reader.ReadEvent());
        Assert.Equal(events.Length, reader.Position);
    }

    private static BinlogEventParser Parser()
    {
        var parser = new BinlogEventParser();
        parser.Parse(MariaDbFormatDescription());
        return parser;
    }
}
