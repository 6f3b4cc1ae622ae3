using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Sources.MySql.Metadata;
using ContinuousLoad.Sources.MySql.Snapshot;
using ContinuousLoad.Sources.MySql.Text;

namespace ContinuousLoad.Tests.Sources.MySql;

/// <summary>The keyset-pagination SELECT of a chunk, and the tables it refuses.</summary>
public sealed class ChunkQueryTests
{
    private static readonly TableInfo Orders = new("shop", "or`ders", "InnoDB", "",
        [Column("region", "varchar", 1), Column("id", "bigint", 2), Column("note", "text", 3)], ["region", "id"]);

    [Fact]
    public void The_first_chunk_orders_by_the_key_and_limits()
    {
        Assert.Equal("SELECT `region`, `id`, `note` FROM `shop`.`or``ders` ORDER BY `region`, `id` LIMIT 500", ChunkQuery.Build(Orders, KeyRange.All, 500));
    }

    [Fact]
    public void A_range_spells_out_the_composite_comparison_with_hex_text()
    {
        var sql = ChunkQuery.Build(Orders, new KeyRange(["eu", 7L], ["us", 3L]), 10);

        Assert.Equal(
            "SELECT `region`, `id`, `note` FROM `shop`.`or``ders` WHERE ((`region` > _utf8mb4 X'6575') OR (`region` = _utf8mb4 X'6575' AND `id` > 7)) " +
            "AND NOT ((`region` > _utf8mb4 X'7573') OR (`region` = _utf8mb4 X'7573' AND `id` > 3)) ORDER BY `region`, `id` LIMIT 10", sql);
    }

    [Fact]
    public void Tables_without_a_usable_key_are_refused()
    {
        var heap = Orders with { PrimaryKey = [] };
        var floating = Orders with { Columns = [Column("f", "double", 1)], PrimaryKey = ["f"] };

        Assert.Contains("has no primary key", Assert.Throws<MySqlSourceException>(() => ChunkQuery.Build(heap, KeyRange.All, 1)).Message, StringComparison.Ordinal);
        Assert.Contains("cannot be paged exactly", Assert.Throws<MySqlSourceException>(() => ChunkQuery.Build(floating, KeyRange.All, 1)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ChunkQuery.Build(Orders, KeyRange.StartingAfter([1L]), 1));
    }

    [Fact]
    public void Literals_cover_the_value_representation()
    {
        Assert.Equal("'2024-01-02 03:04:05.123456'", SqlText.Literal(new DateTime(2024, 1, 2, 3, 4, 5).AddTicks(1_234_560)));
        Assert.Equal("'-100:02:03.000000'", SqlText.Literal(-new TimeSpan(100, 2, 3)));
        Assert.Equal("'2024-01-02'", SqlText.Literal(new DateOnly(2024, 1, 2)));
        Assert.Equal("X'00FF'", SqlText.Literal(new byte[] { 0, 255 }));
        Assert.Equal("18446744073709551615", SqlText.Literal(ulong.MaxValue));
        Assert.Equal("-1.50", SqlText.Literal(-1.50m));
        Assert.Equal("''", SqlText.Literal(""));
    }

    [Fact]
    public void Enum_members_are_read_from_the_column_type() =>
        Assert.Equal(["a", "it's", "b,c"], TableMetadataReader.ParseMembers("enum('a','it''s','b,c')"));

    private static ColumnInfo Column(string name, string type, int ordinal) =>
        new(name, ordinal, type, type, false, false, null, null, null, null, null, null, type == "varchar" ? 45 : null, "", []);
}
