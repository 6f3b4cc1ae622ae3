using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Tests.Jobs.Mirror;

/// <summary>A database-level job's source and target properties (spec B.6): what they select, where tables land, and every refusal by name.</summary>
public sealed class DatabaseSyncDefinitionTests
{
    private const string Password = "s3cr3t-pa55";

    private static readonly (string Key, string Value)[] MySql =
    [
        ("jdbc_url", "jdbc:mysql://127.0.0.1:3306"), ("user", "repl"), ("password", Password), ("database", "shop"),
    ];

    private static CdcStreamSource Parse(string kind, params (string Key, string? Value)[] changes) =>
        CdcStreamSource.ParseDatabase(kind, TableFunctionArguments.With(kind == "MYSQL" ? MySql : [.. MySql.Where(p => p.Key != "jdbc_url"),
            ("jdbc_url", "jdbc:postgresql://127.0.0.1:5432/shop"), ("schema", "public")], changes));

    private static string Refusal(string kind, params (string Key, string? Value)[] changes)
    {
        var message = Assert.Throws<DorisException>(() => Parse(kind, changes)).Message;
        Assert.DoesNotContain(Password, message, StringComparison.Ordinal);
        return message;
    }

    [Fact]
    public void The_source_selects_every_table_by_default_and_starts_at_the_latest_position()
    {
        var source = Parse("MYSQL");

        Assert.True(source.Tables.WholeDatabase);
        Assert.Equal(["a", "b", "c"], source.Tables.Of(["c", "a", "b"]));
        Assert.Equal(CdcStartMode.Latest, source.Start.Mode);
        Assert.Equal("cdc_stream:mysql", source.Kind);
    }

    [Fact]
    public void Include_and_exclude_lists_select_tables_and_per_table_keys_rename_and_drop_columns()
    {
        var included = Parse("MYSQL", ("include_tables", "orders, customers"), ("table.orders.target_table", "orders_copy"),
            ("table.customers.exclude_columns", "email,phone"), ("offset", "initial"));
        Assert.Equal(["customers", "orders"], included.Tables.Of(["orders", "customers", "logs"]));
        Assert.Equal(("orders_copy", "customers", "orders"), (included.Tables.TargetOf("orders"), included.Tables.TargetOf("customers"), included.Tables.SourceOf("orders_copy")));
        Assert.True(included.Tables.IsExcluded("customers", "EMAIL"));
        Assert.False(included.Tables.IsExcluded("orders", "email"));
        Assert.Equal(CdcStartMode.Initial, included.Start.Mode);

        var excluded = Parse("POSTGRES", ("exclude_tables", "logs"));
        Assert.Equal(["customers", "orders"], excluded.Tables.Of(["orders", "customers", "logs"]));
        Assert.Equal(CdcSourceType.Postgres, excluded.Type);
    }

    [Theory]
    [InlineData("host", "Unexpected key: 'host'")]
    [InlineData("table", "Unexpected key: 'table'")]
    [InlineData("include_delete_sign", "Unexpected key: 'include_delete_sign'")]
    [InlineData("table.orders.rename", "Unexpected key: 'table.orders.rename'")]
    [InlineData("table..target_table", "Unexpected key: 'table..target_table'")]
    [InlineData("slot_name", "'slot_name' applies only to type postgres")]
    public void Unknown_keys_and_keys_of_the_other_source_are_refused_by_name(string key, string expected) =>
        Assert.Equal(expected, Refusal("MYSQL", (key, "x")));

    [Fact]
    public void Lists_that_cannot_both_hold_and_names_that_clash_are_refused()
    {
        Assert.Equal("exclude_tables applies only when include_tables is empty", Refusal("MYSQL", ("include_tables", "a"), ("exclude_tables", "b")));
        Assert.Equal("Two source tables cannot load into one target table: same",
            Refusal("MYSQL", ("table.a.target_table", "same"), ("table.b.target_table", "same")));
        Assert.StartsWith("Invalid target_table 'bad name'", Refusal("MYSQL", ("table.a.target_table", "bad name")), StringComparison.Ordinal);
        Assert.Equal("user is required", Refusal("MYSQL", ("user", null)));
        Assert.Equal("schema is required", Assert.Throws<DorisException>(() => CdcStreamSource.ParseDatabase("POSTGRES",
            TableFunctionArguments.With([.. MySql.Where(p => p.Key != "jdbc_url"), ("jdbc_url", "jdbc:postgresql://127.0.0.1:5432/shop")], []))).Message);
        Assert.Equal("Unknown source type 'ORACLE' for a database-level job: use MYSQL or POSTGRES", Refusal("ORACLE"));
    }

    [Fact]
    public void The_target_takes_create_properties_strict_mode_and_a_filter_ratio()
    {
        var target = DatabaseTarget.Parse("copy", [new Property("table.create.properties.replication_num", "1"), new Property("load.strict_mode", "true"),
            new Property("load.max_filter_ratio", "0.25")]);

        Assert.Equal(("copy", true, 0.25), (target.Database, target.StrictMode, target.MaxFilterRatio));
        Assert.Equal([new Property("replication_num", "1")], target.CreateProperties);
    }

    [Theory]
    [InlineData("replication_num", "1", "Unexpected key: 'replication_num'")]
    [InlineData("table.create.properties.", "1", "Unexpected key: 'table.create.properties.'")]
    [InlineData("load.strict_mode", "yes", "Invalid load.strict_mode 'yes': use true or false")]
    [InlineData("load.max_filter_ratio", "2", "Invalid load.max_filter_ratio '2': a number from 0 to 1")]
    public void Target_refusals_name_the_key(string key, string value, string expected) =>
        Assert.Equal(expected, Assert.Throws<DorisException>(() => DatabaseTarget.Parse("copy", [new Property(key, value)])).Message);
}
