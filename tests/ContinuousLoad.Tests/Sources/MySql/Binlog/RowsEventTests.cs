using System.Text;
using ContinuousLoad.Sources.MySql.Binlog;
using ContinuousLoad.Sources.MySql.Values;
using static ContinuousLoad.Tests.Sources.MySql.Binlog.BinlogEventBytes;

namespace ContinuousLoad.Tests.Sources.MySql.Binlog;

/// <summary>Rows events v1 (MariaDB) and v2 (MySQL 8) built from the documented layout, decoded into row images.</summary>
public sealed class RowsEventTests
{
    private static readonly BinlogTableSchema Schema = new("shop", "items",
    [
        new BinlogColumnSchema("id", false, CharacterSets.Utf8Mb4GeneralCollation, []),
        new BinlogColumnSchema("name", false, CharacterSets.Utf8Mb4GeneralCollation, []),
        new BinlogColumnSchema("qty", false, CharacterSets.Utf8Mb4GeneralCollation, []),
    ]);

    [Fact]
    public void MySql8_write_rows_v2_skips_extra_data_and_reads_nulls()
    {
        var parser = MapItems(MySql8FormatDescription());
        var rows = Concat(
            LittleEndian(42, 6), [1, 0], LittleEndian(5, 2), [0x01, 0x01, 0xFF], [3], [0x07],
            [0x00], LittleEndian(1, 4), [2], Encoding.ASCII.GetBytes("ab"), LittleEndian(5, 8),
            [0x02], LittleEndian(2, 4), LittleEndian(unchecked((ulong)-1L), 8));

        var write = Assert.IsType<WriteRowsEvent>(parser.Parse(Event(BinlogEventType.WriteRowsV2, rows)));
        var images = Decode(parser, write);

        Assert.True(write.IsStatementEnd);
        Assert.Equal(2, images.Count);
        Assert.Equal([1L, "ab", 5L], images[0].Values);
        Assert.Equal([2L, null, -1L], images[1].Values);
        Assert.True(images[1].IsFull);
    }

    [Fact]
    public void MySql8_update_rows_v2_with_minimal_images_marks_absent_columns()
    {
        var parser = MapItems(MySql8FormatDescription());
        var rows = Concat(
            LittleEndian(42, 6), [0, 0], LittleEndian(2, 2), [3], [0x01], [0x04],
            [0x00], LittleEndian(7, 4),
            [0x00], LittleEndian(9, 8));

        var update = Assert.IsType<UpdateRowsEvent>(parser.Parse(Event(BinlogEventType.UpdateRowsV2, rows)));
        var images = Decode(parser, update);

        Assert.Equal(2, images.Count);
        var (before, after) = (images[0], images[1]);
        Assert.Equal(7L, before[0]);
        Assert.False(before.IsPresent(1));
        Assert.False(before.IsPresent(2));
        Assert.False(after.IsPresent(0));
        Assert.Equal(9L, after[2]);
        Assert.False(after.IsFull);
    }

    [Fact]
    public void MariaDb_delete_rows_v1_reads_before_images()
    {
        var parser = MapItems(MariaDbFormatDescription());
        var rows = Concat(LittleEndian(42, 6), [1, 0], [3], [0x07], [0x04], LittleEndian(3, 4), [1], Encoding.ASCII.GetBytes("z"));

        var delete = Assert.IsType<DeleteRowsEvent>(parser.Parse(Event(BinlogEventType.DeleteRowsV1, rows)));

        Assert.Equal([3L, "z", null], Decode(parser, delete).Single().Values);
    }

    [Fact]
    public void A_schema_that_no_longer_matches_the_table_map_is_refused()
    {
        var parser = MapItems(MariaDbFormatDescription());
        var delete = (RowsEvent)parser.Parse(Event(BinlogEventType.DeleteRowsV1, Concat(LittleEndian(42, 6), [1, 0], [3], [0x07], [0x07])));
        var stale = Schema with { Columns = Schema.Columns.Take(2).ToArray() };
        parser.TryGetTableMap(42, out var map);

        var error = Assert.Throws<BinlogFormatException>(() => RowImageDecoder.Decode(delete, map, stale));

        Assert.Contains("reload the table's schema", error.Message, StringComparison.Ordinal);
    }

    private static BinlogEventParser MapItems(byte[] formatDescription)
    {
        var parser = new BinlogEventParser();
        parser.Parse(formatDescription);
        parser.Parse(Event(BinlogEventType.TableMap, TableMapBody(42, "shop", "items", [3, 15, 8], [20, 0])));
        return parser;
    }

    private static List<RowImage> Decode(BinlogEventParser parser, RowsEvent rows)
    {
        Assert.True(parser.TryGetTableMap(rows.TableId, out var map));
        return RowImageDecoder.Decode(rows, map, Schema);
    }
}
