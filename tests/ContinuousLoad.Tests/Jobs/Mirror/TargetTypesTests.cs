using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Jobs.Sources.Mirror;
using ContinuousLoad.Sources.MySql.Metadata;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Tests.Jobs.Mirror;

/// <summary>The column types a database-level job gives the tables it creates, row by row of spec B.7, and the DDL it writes.</summary>
public sealed class TargetTypesTests
{
    [Theory]
    [InlineData("tinyint", "tinyint(1)", false, null, 3, 0, "tinyint")]
    [InlineData("tinyint", "tinyint(3) unsigned", true, null, 3, 0, "smallint")]
    [InlineData("smallint", "smallint(5) unsigned", true, null, 5, 0, "int")]
    [InlineData("smallint", "smallint(6)", false, null, 5, 0, "smallint")]
    [InlineData("mediumint", "mediumint(8) unsigned", true, null, 7, 0, "int")]
    [InlineData("int", "int(11)", false, null, 10, 0, "int")]
    [InlineData("int", "int(10) unsigned", true, null, 10, 0, "bigint")]
    [InlineData("bigint", "bigint(20)", false, null, 19, 0, "bigint")]
    [InlineData("bigint", "bigint(20) unsigned", true, null, 20, 0, "largeint")]
    [InlineData("year", "year(4)", false, null, null, null, "smallint")]
    [InlineData("float", "float", false, null, 12, null, "float")]
    [InlineData("double", "double", false, null, 22, null, "double")]
    [InlineData("decimal", "decimal(12,3)", false, null, 12, 3, "decimal(12,3)")]
    [InlineData("decimal", "decimal(65,30)", false, null, 65, 30, "text")]
    [InlineData("date", "date", false, null, null, null, "date")]
    [InlineData("datetime", "datetime(6)", false, null, null, null, "datetime(6)")]
    [InlineData("timestamp", "timestamp(3)", false, null, null, null, "datetime(3)")]
    [InlineData("time", "time", false, null, null, null, "text")]
    [InlineData("char", "char(10)", false, 10L, null, null, "char(30)")]
    [InlineData("char", "char(100)", false, 100L, null, null, "varchar(300)")]
    [InlineData("varchar", "varchar(20)", false, 20L, null, null, "varchar(60)")]
    [InlineData("varchar", "varchar(30000)", false, 30000L, null, null, "text")]
    [InlineData("text", "text", false, 65535L, null, null, "text")]
    [InlineData("varbinary", "varbinary(40)", false, 40L, null, null, "text")]
    [InlineData("blob", "blob", false, 65535L, null, null, "text")]
    [InlineData("bit", "bit(1)", false, null, 1, null, "boolean")]
    [InlineData("bit", "bit(8)", false, null, 8, null, "text")]
    [InlineData("json", "json", false, null, null, null, "text")]
    [InlineData("enum", "enum('a','b')", false, 1L, null, null, "text")]
    [InlineData("set", "set('a','b')", false, 3L, null, null, "text")]
    public void A_mysql_column_maps_as_doris_maps_it(string dataType, string columnType, bool unsigned, long? length, int? precision, int? scale, string expected)
    {
        var datetimePrecision = columnType.StartsWith("datetime(", StringComparison.Ordinal) || columnType.StartsWith("timestamp(", StringComparison.Ordinal)
            ? int.Parse(columnType[(columnType.IndexOf('(') + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)
            : (int?)null;
        var binary = dataType is "varbinary" or "blob";
        var column = new ColumnInfo("c", 1, dataType, columnType, true, unsigned, length, precision, scale, datetimePrecision, binary ? null : "utf8mb4",
            binary ? null : "utf8mb4_general_ci", binary ? 63 : 45, "", []);

        Assert.Equal(expected, MySqlTargetTypes.Of(column).ToString());
    }

    [Theory]
    [InlineData("boolean", "boolean")]
    [InlineData("bit(1)", "boolean")]
    [InlineData("bit(8)", "text")]
    [InlineData("bit varying(5)", "text")]
    [InlineData("smallint", "smallint")]
    [InlineData("integer", "int")]
    [InlineData("bigint", "bigint")]
    [InlineData("real", "float")]
    [InlineData("double precision", "double")]
    [InlineData("numeric(10,2)", "decimal(10,2)")]
    [InlineData("numeric(50,4)", "decimal(38,4)")]
    [InlineData("numeric", "decimal(38,9)")]
    [InlineData("character(5)", "char(15)")]
    [InlineData("character(100)", "varchar(300)")]
    [InlineData("character varying(20)", "text")]
    [InlineData("text", "text")]
    [InlineData("date", "date")]
    [InlineData("timestamp(3) without time zone", "datetime(3)")]
    [InlineData("timestamp with time zone", "datetime(6)")]
    [InlineData("time without time zone", "text")]
    [InlineData("interval", "text")]
    [InlineData("uuid", "text")]
    [InlineData("inet", "text")]
    [InlineData("bytea", "text")]
    [InlineData("json", "json")]
    [InlineData("jsonb", "json")]
    [InlineData("integer[]", "array<int>")]
    [InlineData("text[]", "array<text>")]
    [InlineData("hstore", "text")]
    public void A_postgres_column_maps_as_doris_maps_it(string typeName, string expected) =>
        Assert.Equal(expected, PostgresTargetTypes.Of(typeName).ToString());

    [Fact]
    public void The_created_table_keys_the_source_key_first_without_excluded_columns_keeps_comments_and_lists_the_columns_it_was_given()
    {
        var table = new MirroredTable("orders",
        [
            new MirroredColumn("note", DataType.String, true, "free text"),
            new MirroredColumn("code", DataType.String, false, null),
            new MirroredColumn("id", DataType.Int, false, null),
            new MirroredColumn("secret", DataType.String, true, null),
        ], ["id", "code"], "the orders");
        var tables = new TableSelection(true, [], [], new Dictionary<string, string>(), new Dictionary<string, IReadOnlyList<string>> { ["orders"] = ["secret"] });

        Assert.Equal("CREATE TABLE IF NOT EXISTS `shop`.`orders_copy` (`id` int NOT NULL, `code` varchar(65533) NOT NULL, `note` text NULL COMMENT 'free text') " +
                     "UNIQUE KEY(`id`, `code`) COMMENT 'the orders' DISTRIBUTED BY HASH(`id`, `code`) BUCKETS AUTO " +
                     "PROPERTIES ('replication_num' = '1', 'mirror.source_columns' = '[\"id\",\"code\",\"note\"]')",
            table.CreateSql("shop", "orders_copy", tables, new DatabaseTarget("shop", [new Property("replication_num", "1")], false, 0)));
    }
}
