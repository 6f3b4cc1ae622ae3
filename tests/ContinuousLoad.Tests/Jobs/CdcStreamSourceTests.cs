using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Tests.Jobs;

public sealed class CdcStreamSourceTests
{
    private const string Password = "s3cr3t-pa55";

    private static readonly (string Key, string Value)[] MySql =
    [
        ("type", "mysql"), ("jdbc_url", "jdbc:mysql://127.0.0.1:3306"), ("user", "repl"), ("password", Password),
        ("database", "shop"), ("table", "orders"), ("offset", "initial"),
    ];

    private static readonly (string Key, string Value)[] Postgres =
    [
        ("type", "postgres"), ("jdbc_url", "jdbc:postgresql://db.internal:5433/shop"), ("user", "repl"), ("password", Password),
        ("schema", "public"), ("table", "orders"), ("offset", "latest"),
    ];

    private static CdcStreamSource Parse((string Key, string Value)[] given, params (string Key, string? Value)[] changes) =>
        CdcStreamSource.Parse(TableFunctionArguments.With(given, changes));

    private static string Refusal((string Key, string Value)[] given, params (string Key, string? Value)[] changes)
    {
        var message = Assert.Throws<DorisException>(() => Parse(given, changes)).Message;
        Assert.DoesNotContain(Password, message, StringComparison.Ordinal);
        return message;
    }

    [Fact]
    public void A_mysql_source_reads_its_server_table_and_defaults()
    {
        var source = Parse(MySql);

        Assert.Equal((CdcSourceType.MySql, "127.0.0.1", 3306, "repl", Password, "shop", (string?)null, "orders"),
            (source.Type, source.Url.Host, source.Url.Port, source.User, source.Password, source.Database, source.Schema, source.Tables.Single));
        Assert.Equal(CdcStartMode.Initial, source.Start.Mode);
        Assert.Equal((CdcStreamSource.DefaultSnapshotSplitSize, 1, false, CdcSslMode.Disable), (source.SnapshotSplitSize, source.SnapshotParallelism,
            source.IncludeDeleteSign, source.SslMode));
        Assert.Null(source.ServerIds);
    }

    [Fact]
    public void A_postgres_source_takes_its_datagivenfrom_the_url_unless_named()
    {
        var source = Parse(Postgres);
        Assert.Equal((CdcSourceType.Postgres, "db.internal", 5433, "shop", "public"), (source.Type, source.Url.Host, source.Url.Port, source.Database, source.Schema));
        Assert.Equal("other", Parse(Postgres, ("database", "other")).Database);
        Assert.Equal(5432, Parse(Postgres, ("jdbc_url", "jdbc:postgresql://db/shop")).Url.Port);
    }

    [Theory]
    [InlineData("jdbc_url")]
    [InlineData("type")]
    [InlineData("table")]
    [InlineData("offset")]
    [InlineData("user")]
    [InlineData("password")]
    [InlineData("database")]
    public void A_missing_required_parameter_is_named(string key) =>
        Assert.Equal($"{key} is required", Refusal(MySql, (key, null)));

    [Fact]
    public void Postgres_needs_a_schema_and_a_datagivenfrom_somewhere()
    {
        Assert.Equal("schema is required", Refusal(Postgres, ("schema", null)));
        Assert.StartsWith("database is required", Refusal(Postgres, ("jdbc_url", "jdbc:postgresql://db:5432")), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_keys_and_keys_of_the_other_source_are_refused_by_name()
    {
        Assert.Equal("Unexpected key: 'tables'", Refusal(MySql, ("tables", "a,b")));
        Assert.Equal("'slot_name' applies only to type postgres", Refusal(MySql, ("slot_name", "s1")));
        Assert.Equal("'server_id' applies only to type mysql", Refusal(Postgres, ("server_id", "5400")));
        Assert.Equal("cdc_stream parameter 'TABLE' is given twice",
            Assert.Throws<DorisException>(() => CdcStreamSource.Parse([.. MySql.Select(p => new Property(p.Key, p.Value)), new Property("TABLE", "x")])).Message);
    }

    [Fact]
    public void Jdbc_driver_parameters_are_accepted_and_ignored() =>
        Assert.Equal("orders", Parse(MySql, ("driver_url", "mysql-connector-j-8.4.0.jar"), ("driver_class", "com.mysql.cj.jdbc.Driver")).Tables.Single);

    [Theory]
    [InlineData("oracle", "Invalid type 'oracle' for cdc_stream: use mysql or postgres")]
    [InlineData("jdbc_url=jdbc:postgresql://h/db", "Invalid jdbc_url 'jdbc:postgresql://h/db': a MySQL source is reached as jdbc:mysql://host:port")]
    [InlineData("jdbc_url=jdbc:mysql://a:3306,b:3306", "Invalid jdbc_url 'jdbc:mysql://a:3306,b:3306': name one server as host:port, with the user and password as parameters of their own")]
    [InlineData("jdbc_url=jdbc:mysql://h:99999", "Invalid jdbc_url 'jdbc:mysql://h:99999': '99999' is not a port")]
    [InlineData("jdbc_url=jdbc:mysql://h:3306?user=root&password=" + Password,
        "Invalid jdbc_url 'jdbc:mysql://h:3306?...': 'user' belongs in the user and password parameters, which are kept sealed, not in the URL")]
    [InlineData("table=a,b", "table names exactly one source table, not 'a,b'; a job over several tables is FROM MYSQL (...) TO DATABASE")]
    [InlineData("snapshot_split_size=0", "Invalid snapshot_split_size '0': a whole number from 1 to 2147483647")]
    [InlineData("snapshot_parallelism=65", "Invalid snapshot_parallelism '65': a whole number from 1 to 64")]
    [InlineData("server_id=9-3", "Invalid server_id '9-3': a replica id from 1 to 4294967295, or a range such as 5400-5408")]
    [InlineData("include_delete_sign=yes", "Invalid include_delete_sign 'yes': use true or false")]
    [InlineData("ssl_mode=prefer", "Invalid ssl_mode 'prefer': use disable, require or verify-ca")]
    [InlineData("ssl_mode=verify-ca", "ssl_mode verify-ca needs ssl_rootcert, the CA certificate (PEM) to verify the server with")]
    [InlineData("ssl_rootcert=/etc/ca.pem", "ssl_rootcert applies only with ssl_mode verify-ca")]
    [InlineData("offset=newest", "Invalid offset 'newest': use initial, snapshot, latest, earliest, {\"file\":\"binlog.000001\",\"pos\":\"154\"} or {\"gtids\":\"...\"}")]
    [InlineData("offset={\"file\":\"binlog.000001\"}", "Invalid offset '{\"file\":\"binlog.000001\"}': use initial, snapshot, latest, earliest, {\"file\":\"binlog.000001\",\"pos\":\"154\"} or {\"gtids\":\"...\"}")]
    [InlineData("offset={\"gtids\":\"0-1\"}", "Invalid offset '{\"gtids\":\"0-1\"}': '0-1' is not a MariaDB GTID: expected domain-server-sequence such as 0-1-42")]
    public void Invalid_values_are_refused_with_the_reason(string change, string message)
    {
        var (key, value) = change.Contains('=', StringComparison.Ordinal) ? (change[..change.IndexOf('=', StringComparison.Ordinal)], change[(change.IndexOf('=', StringComparison.Ordinal) + 1)..]) : ("type", change);
        Assert.Equal(message, Refusal(MySql, (key, value)));
    }

    [Fact]
    public void Mysql_offsets_take_every_form_doris_names()
    {
        Assert.Equal(CdcStartMode.Snapshot, Parse(MySql, ("offset", "snapshot")).Start.Mode);
        Assert.Equal(CdcStartMode.Latest, Parse(MySql, ("offset", "LATEST")).Start.Mode);
        Assert.Equal(CdcStartMode.Earliest, Parse(MySql, ("offset", "earliest")).Start.Mode);

        var file = Parse(MySql, ("offset", """{"file":"binlog.000003","pos":"154"}""")).Start;
        Assert.Equal((CdcStartMode.Position, "binlog.000003:154"), (file.Mode, file.Binlog!.ToString()));
        Assert.Equal("binlog.000003:4", Parse(MySql, ("offset", """{"file":"binlog.000003","pos":4}""")).Start.Binlog!.ToString());
        Assert.Equal("GTID 0-1-42,1-2-7", Parse(MySql, ("offset", """{"gtids":"0-1-42,1-2-7"}""")).Start.Binlog!.ToString());
        Assert.Equal("GTID 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5",
            Parse(MySql, ("offset", """{"gtids":"3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5"}""")).Start.Binlog!.ToString());
    }

    [Fact]
    public void Postgres_offsets_take_an_lsn_as_a_number_or_in_its_own_notation()
    {
        Assert.Equal(new Lsn(12345678), Parse(Postgres, ("offset", """{"lsn":"12345678"}""")).Start.Lsn);
        Assert.Equal(new Lsn(0x16_B374D848), Parse(Postgres, ("offset", """{"lsn":"16/B374D848"}""")).Start.Lsn);
        Assert.Equal("offset 'earliest' applies only to type mysql: a PostgreSQL slot starts where it is created", Refusal(Postgres, ("offset", "earliest")));
        Assert.StartsWith("Invalid offset '{\"file\"", Refusal(Postgres, ("offset", """{"file":"binlog.000001","pos":"154"}""")), StringComparison.Ordinal);
    }

    [Fact]
    public void Source_specific_settings_are_read()
    {
        var mysql = Parse(MySql, ("server_id", "5400-5408"), ("snapshot_split_size", "1000"), ("snapshot_parallelism", "4"), ("include_delete_sign", "true"),
            ("ssl_mode", "verify-ca"), ("ssl_rootcert", "/etc/ca.pem"));
        Assert.Equal(((5400u, 5408u), 1000, 4, true, CdcSslMode.VerifyCa, "/etc/ca.pem"),
            (mysql.ServerIds!.Value, mysql.SnapshotSplitSize, mysql.SnapshotParallelism, mysql.IncludeDeleteSign, mysql.SslMode, mysql.SslRootCert));
        Assert.Equal((5400u, 5400u), Parse(MySql, ("server_id", "5400")).ServerIds);

        var postgres = Parse(Postgres, ("slot_name", "orders_slot"), ("publication_name", "orders_pub"));
        Assert.Equal(("orders_slot", "orders_pub"), (postgres.SlotName, postgres.PublicationName));
        Assert.Equal("Invalid slot_name 'Orders-Slot': lower-case letters, digits and underscores, at most 63", Refusal(Postgres, ("slot_name", "Orders-Slot")));
    }

    [Fact]
    public void The_password_is_a_secret_parameter() => Assert.True(SecretParameters.IsSecret("password"));
}
