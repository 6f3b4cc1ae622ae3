using System.Text;
using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.MySql.Binlog;
using ContinuousLoad.Sources.MySql.Values;
using static ContinuousLoad.Tests.Sources.MySql.Binlog.BinlogEventBytes;

namespace ContinuousLoad.Tests.Sources.MySql.Binlog;

public sealed class BinlogEventParserTests
{
    [Fact]
    public void Format_description_gives_version_post_headers_and_checksum()
    {
        var parser = new BinlogEventParser();

        var description = Assert.IsType<FormatDescriptionEvent>(parser.Parse(MySql8FormatDescription()));

        Assert.Equal(("8.0.36", ChecksumAlgorithm.Crc32, false), (description.ServerVersion, description.ChecksumAlgorithm, description.IsMariaDb));
        Assert.Equal(10, description.PostHeaderLength(BinlogEventType.WriteRowsV2, 0));
        Assert.Equal(ChecksumAlgorithm.Crc32, parser.Checksum);
    }

    [Fact]
    public void Checksum_off_leaves_the_event_bytes_whole()
    {
        var parser = new BinlogEventParser();
        parser.Parse(MariaDbFormatDescription(checksum: false));

        var xid = Assert.IsType<XidEvent>(parser.Parse(Event(BinlogEventType.Xid, LittleEndian(77, 8), checksum: false)));

        Assert.Equal(77UL, xid.Xid);
    }

    [Fact]
    public void Artificial_rotate_before_the_format_description_uses_the_negotiated_checksum()
    {
        var parser = new BinlogEventParser(ChecksumAlgorithm.Crc32);

        var rotate = Assert.IsType<RotateEvent>(parser.Parse(Event(BinlogEventType.Rotate, Concat(LittleEndian(4, 8), Encoding.ASCII.GetBytes("mysql-bin.000007")), timestamp: 0, nextPosition: 0)));

        Assert.Equal(("mysql-bin.000007", 4UL, true), (rotate.NextFile, rotate.Position, rotate.IsArtificial));
    }

    [Fact]
    public void Query_skips_status_variables_and_reads_schema_and_statement()
    {
        var body = Concat(LittleEndian(12, 4), LittleEndian(0, 4), [4], LittleEndian(0, 2), LittleEndian(3, 2), [0xAA, 0xBB, 0xCC],
            Encoding.ASCII.GetBytes("shop"), [0], Encoding.UTF8.GetBytes("ALTER TABLE t ADD COLUMN ü INT"));
        var parser = Parsed(MySql8FormatDescription());

        var query = Assert.IsType<QueryEvent>(parser.Parse(Event(BinlogEventType.Query, body)));

        Assert.Equal((12u, "shop", "ALTER TABLE t ADD COLUMN ü INT"), (query.ThreadId, query.Schema, query.Sql));
        Assert.False(query.IsBegin);
    }

    [Fact]
    public void MySql_gtid_event_reads_uuid_number_logical_clock_and_commit_time()
    {
        var uuid = Convert.FromHexString("3E11FA4771CA11E19E33C80AA9429562");
        var commitMicros = 1_700_000_000_123_456UL;
        var body = Concat([1], uuid, LittleEndian(23, 8), [2], LittleEndian(5, 8), LittleEndian(6, 8), LittleEndian(commitMicros, 7));
        var parser = Parsed(MySql8FormatDescription());

        var gtid = Assert.IsType<MySqlGtidEvent>(parser.Parse(Event(BinlogEventType.MySqlGtid, body)));

        Assert.Equal("3e11fa47-71ca-11e1-9e33-c80aa9429562:23", gtid.Gtid);
        Assert.Equal((5L, 6L), (gtid.LastCommitted, gtid.SequenceNumber));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123).AddTicks(4560), gtid.CommitTime);
    }

    [Fact]
    public void Anonymous_gtid_has_no_gtid_text()
    {
        var body = Concat([1], new byte[16], LittleEndian(0, 8));
        var gtid = Assert.IsType<MySqlGtidEvent>(Parsed(MySql8FormatDescription()).Parse(Event(BinlogEventType.AnonymousGtid, body)));

        Assert.True(gtid.IsAnonymous);
        Assert.Equal("", gtid.Gtid);
    }

    [Fact]
    public void MariaDb_gtid_and_gtid_list_carry_domain_server_sequence()
    {
        var parser = Parsed(MariaDbFormatDescription());
        var gtid = Assert.IsType<MariaDbGtidEvent>(parser.Parse(Event(BinlogEventType.MariaDbGtid, Concat(LittleEndian(42, 8), LittleEndian(3, 4), [2 | 4], LittleEndian(9, 8), [0, 0]), serverId: 7)));
        var list = Assert.IsType<GtidListEvent>(parser.Parse(Event(BinlogEventType.GtidList, Concat(LittleEndian(2, 4), LittleEndian(0, 4), LittleEndian(1, 4), LittleEndian(10, 8), LittleEndian(3, 4), LittleEndian(7, 4), LittleEndian(41, 8)))));

        Assert.Equal(("3-7-42", 9UL, false), (gtid.Gtid.ToString(), gtid.CommitId!.Value, gtid.IsStandalone));
        Assert.Equal(["0-1-10", "3-7-41"], list.Gtids.Select(g => g.ToString()));
        Assert.Equal(new MariaDbGtid(0, 1, 8), MariaDbGtid.Parse("0-1-8"));
    }

    [Fact]
    public void MariaDb_annotate_checkpoint_heartbeat_and_stop()
    {
        var parser = Parsed(MariaDbFormatDescription());

        Assert.Equal("INSERT INTO t VALUES (1)", Assert.IsType<AnnotateRowsEvent>(parser.Parse(Event(BinlogEventType.AnnotateRows, Encoding.ASCII.GetBytes("INSERT INTO t VALUES (1)")))).Sql);
        Assert.Equal("mysql-bin.000002", Assert.IsType<BinlogCheckpointEvent>(parser.Parse(Event(BinlogEventType.BinlogCheckpoint, Concat(LittleEndian(16, 4), Encoding.ASCII.GetBytes("mysql-bin.000002"))))).File);
        var heartbeat = Assert.IsType<HeartbeatEvent>(parser.Parse(Event(BinlogEventType.Heartbeat, Encoding.ASCII.GetBytes("mysql-bin.000002"), nextPosition: 4567)));
        Assert.Equal(("mysql-bin.000002", 4567UL), (heartbeat.File, heartbeat.Position));
        Assert.IsType<StopEvent>(parser.Parse(Event(BinlogEventType.Stop, [])));
    }

    [Fact]
    public void MySql_heartbeat_v2_reads_type_length_value_fields()
    {
        var body = Concat([1, 16], Encoding.ASCII.GetBytes("binlog.000042xyz"), [2, 9, 0xFE], LittleEndian(5_000_000_000, 8), [0]);

        var heartbeat = Assert.IsType<HeartbeatEvent>(Parsed(MySql8FormatDescription()).Parse(Event(BinlogEventType.HeartbeatV2, body)));

        Assert.Equal(("binlog.000042xyz", 5_000_000_000UL), (heartbeat.File, heartbeat.Position));
    }

    [Fact]
    public void Unknown_events_are_skipped_by_length()
    {
        var unknown = Parsed(MySql8FormatDescription()).Parse(Event((BinlogEventType)200, [1, 2, 3, 4, 5]));

        Assert.Equal((BinlogEventType)200, Assert.IsType<UnknownEvent>(unknown).EventType);
    }

    [Fact]
    public void Table_map_resolves_real_string_types_and_long_char_lengths()
    {
        // CHAR(255) utf8mb4 = 1020 bytes: real type 0xFE with length bits 8-9 XOR-ed into bits 4-5 (0xFE ^ 0x30 = 0xCE), low byte 0xFC.
        var types = new byte[] { 254, 254, 254, 15, 246, 18, 16 };
        var metadata = new byte[] { 0xCE, 0xFC, 247, 1, 248, 2, 0x90, 0x01, 10, 2, 6, 2, 1 };
        var tableMap = Assert.IsType<TableMapEvent>(Parsed(MySql8FormatDescription()).Parse(Event(BinlogEventType.TableMap, TableMapBody(7, "db", "t", types, metadata))));

        Assert.Equal(("db", "t", 7UL), (tableMap.Schema, tableMap.Table, tableMap.TableId));
        Assert.Equal((MySqlColumnType.String, 1020), (tableMap.Columns[0].Type, tableMap.Columns[0].Length));
        Assert.Equal((MySqlColumnType.Enum, 1), (tableMap.Columns[1].Type, tableMap.Columns[1].Length));
        Assert.Equal((MySqlColumnType.Set, 2), (tableMap.Columns[2].Type, tableMap.Columns[2].Length));
        Assert.Equal(400, tableMap.Columns[3].Length);
        Assert.Equal(((byte)10, (byte)2), (tableMap.Columns[4].Precision, tableMap.Columns[4].Scale));
        Assert.Equal(6, tableMap.Columns[5].FractionalDigits);
        Assert.Equal(10, tableMap.Columns[6].Length);
        Assert.All(tableMap.Columns, c => Assert.True(c.Nullable));
    }

    [Fact]
    public void Table_map_optional_metadata_gives_signedness_names_collations_and_members()
    {
        var types = new byte[] { 1, 8, 15, 254 };
        var metadata = new byte[] { 0x80, 0x00, 247, 1 };
        var optional = Concat(
            [1, 1, 0b0100_0000],
            [2, 1, 8],
            [4, 12, 1, (byte)'a', 2, (byte)'b', (byte)'b', 1, (byte)'c', 4], Encoding.ASCII.GetBytes("dddd"),
            [6, 5, 2, 1, (byte)'x', 1, (byte)'y'],
            [99, 2, 0, 0]);
        var tableMap = Assert.IsType<TableMapEvent>(Parsed(MySql8FormatDescription()).Parse(Event(BinlogEventType.TableMap, TableMapBody(9, "db", "t", types, metadata, optional))));
        var schema = BinlogTableSchema.FromTableMap(tableMap)!;

        Assert.Equal(["a", "bb", "c", "dddd"], schema.Columns.Select(c => c.Name));
        Assert.Equal([false, true, false, false], schema.Columns.Select(c => c.Unsigned));
        Assert.Equal(8, schema.Columns[2].CollationId);
        Assert.Equal(["x", "y"], schema.Columns[3].Members);
    }

    private static BinlogEventParser Parsed(byte[] formatDescription)
    {
        var parser = new BinlogEventParser();
        parser.Parse(formatDescription);
        return parser;
    }
}
