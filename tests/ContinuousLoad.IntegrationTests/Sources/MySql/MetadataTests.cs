using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Sources.MySql.Metadata;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.IntegrationTests.Sources.MySql;

/// <summary>Server facts and table descriptions from the real MariaDB.</summary>
public sealed class MetadataTests(MariaDbServer mariadb)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task Server_facts_name_MariaDB_and_its_row_binlog_with_gtid_state()
    {
        await using var session = await mariadb.Replication.OpenAsync(Token);

        var facts = await ServerFacts.ReadAsync(session, Token);

        Assert.Equal((MySqlServerFlavor.MariaDb, 10, 11), (facts.Flavor, facts.Version.Major, facts.Version.Minor));
        Assert.Equal((true, "ROW", "FULL", "CRC32", 1L), (facts.LogBin, facts.BinlogFormat, facts.BinlogRowImage, facts.BinlogChecksum, facts.ServerId));
        Assert.NotNull(facts.GtidBinlogPosition);
        Assert.NotNull(facts.GtidCurrentPosition);
        Assert.Null(facts.GtidExecuted);
        facts.EnsureReadyForChangeCapture();
    }

    [Fact(Timeout = 60_000)]
    public void A_statement_binlog_or_minimal_row_image_is_refused_with_what_to_change()
    {
        var facts = new ServerFacts(MySqlServerFlavor.MySql, new Version(8, 0, 36), "8.0.36", 1, true, "STATEMENT", "FULL", "CRC32", null, null, "");

        var statement = Assert.Throws<MySqlSourceException>(facts.EnsureReadyForChangeCapture);
        var minimal = Assert.Throws<MySqlSourceException>((facts with { BinlogFormat = "ROW", BinlogRowImage = "MINIMAL" }).EnsureReadyForChangeCapture);
        var off = Assert.Throws<MySqlSourceException>((facts with { LogBin = false }).EnsureReadyForChangeCapture);

        Assert.Contains("SET GLOBAL binlog_format = 'ROW'", statement.Message, StringComparison.Ordinal);
        Assert.Contains("binlog_row_image is MINIMAL", minimal.Message, StringComparison.Ordinal);
        Assert.Contains("--log-bin", off.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Tables_columns_keys_and_comments_come_from_information_schema()
    {
        await using var database = await TestDatabase.CreateAsync(mariadb, Token);
        await database.Admin.ExecuteAsync(
            "CREATE TABLE orders (region VARCHAR(8) CHARACTER SET latin1 NOT NULL COMMENT 'sales region', id BIGINT UNSIGNED NOT NULL, " +
            "amount DECIMAL(12,3) NULL, placed DATETIME(6) NOT NULL, state ENUM('new','it''s paid') NOT NULL, note TEXT, raw VARBINARY(16), " +
            "PRIMARY KEY (id, region)) COMMENT 'customer orders'", Token);
        await database.Admin.ExecuteAsync("CREATE TABLE heap (x INT)", Token);
        await database.Admin.ExecuteAsync("CREATE VIEW v AS SELECT x FROM heap", Token);

        var tables = await TableMetadataReader.ListTablesAsync(database.Admin, database.Name, Token);
        var orders = await TableMetadataReader.ReadTableAsync(database.Admin, database.Name, "orders", Token);
        var heap = await TableMetadataReader.ReadTableAsync(database.Admin, database.Name, "heap", Token);

        Assert.Equal(["heap", "orders"], tables);
        Assert.Equal(("customer orders", "InnoDB"), (orders.Comment, orders.Engine));
        Assert.Equal(["id", "region"], orders.PrimaryKey);
        Assert.False(heap.HasPrimaryKey);
        Assert.Equal(["region", "id", "amount", "placed", "state", "note", "raw"], orders.Columns.Select(c => c.Name));
        var region = orders.Column("region");
        Assert.Equal(("varchar", false, 8L, "latin1", 8, "sales region", MySqlValueKind.Text),
            (region.DataType, region.IsNullable, region.CharacterMaximumLength, region.CharacterSet, region.CollationId, region.Comment, region.ValueKind));
        var id = orders.Column("id");
        Assert.Equal(("bigint", true, MySqlValueKind.UInt64), (id.DataType, id.IsUnsigned, id.ValueKind));
        var amount = orders.Column("amount");
        Assert.Equal((true, 12, 3, MySqlValueKind.Decimal), (amount.IsNullable, amount.NumericPrecision, amount.NumericScale, amount.ValueKind));
        Assert.Equal(6, orders.Column("placed").DateTimePrecision);
        Assert.Equal(["new", "it's paid"], orders.Column("state").EnumValues);
        Assert.Equal((63, MySqlValueKind.Bytes), (orders.Column("raw").CollationId, orders.Column("raw").ValueKind));
        var view = await Assert.ThrowsAsync<MySqlSourceException>(() => TableMetadataReader.ReadTableAsync(database.Admin, database.Name, "v", Token));
        Assert.Contains("not a base table", view.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<MySqlSourceException>(() => TableMetadataReader.ReadTableAsync(database.Admin, database.Name, "missing", Token));
    }
}
