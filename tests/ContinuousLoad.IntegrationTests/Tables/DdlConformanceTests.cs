using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.IntegrationTests.Tables;

/// <summary>Databases and tables behave the same on both stores, in Doris's shapes.</summary>
public sealed class DdlConformanceTests(PostgresServer postgres)
{
    private const string Example = """
        CREATE TABLE IF NOT EXISTS example_tbl
        (
            `user_id` LARGEINT NOT NULL COMMENT "user id",
            `date` DATE NOT NULL COMMENT "data import date",
            `city` VARCHAR(20) COMMENT "user city",
            `age` SMALLINT COMMENT "user age",
            `sex` TINYINT COMMENT "user gender",
            `last_visit_date` DATETIME REPLACE DEFAULT "1970-01-01 00:00:00" COMMENT "last visit",
            `cost` BIGINT SUM DEFAULT "0" COMMENT "total spend",
            `max_dwell_time` INT MAX DEFAULT "0" COMMENT "max dwell",
            `min_dwell_time` INT MIN DEFAULT "99999" COMMENT "min dwell"
        )
        AGGREGATE KEY(`user_id`, `date`, `city`, `age`, `sex`)
        DISTRIBUTED BY HASH(`user_id`) BUCKETS 1
        PROPERTIES ("replication_allocation" = "tag.location.default: 1");
        """;

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Creates_describes_and_round_trips_a_Doris_docs_table(string kind)
    {
        await using var store = await TestStore.CreateAsync(kind, postgres);
        await store.Sql(Example);

        Assert.Equal([["example_tbl"]], await store.Rows("SHOW TABLES"));
        var describe = await store.Result("DESC example_tbl");
        Assert.Equal(["Field", "Type", "Null", "Key", "Default", "Extra"], describe.Columns);
        Assert.Equal(["user_id", "largeint", "No", "true", "NULL", ""], describe.Rows[0]);
        Assert.Equal(["city", "varchar(20)", "Yes", "true", "NULL", ""], describe.Rows[2]);
        Assert.Equal(["last_visit_date", "datetime", "Yes", "false", "1970-01-01 00:00:00", "REPLACE"], describe.Rows[5]);
        Assert.Equal(["cost", "bigint", "Yes", "false", "0", "SUM"], describe.Rows[6]);

        var ddl = (await store.Rows("SHOW CREATE TABLE example_tbl")).Single();
        Assert.Equal("example_tbl", ddl[0]);
        Assert.StartsWith("CREATE TABLE `example_tbl` (\n  `user_id` largeint NOT NULL COMMENT \"user id\",", ddl[1], StringComparison.Ordinal);
        Assert.Contains("`cost` bigint SUM NULL DEFAULT \"0\" COMMENT \"total spend\"", ddl[1], StringComparison.Ordinal);
        Assert.Contains("AGGREGATE KEY(`user_id`, `date`, `city`, `age`, `sex`)", ddl[1], StringComparison.Ordinal);
        Assert.Contains("DISTRIBUTED BY HASH(`user_id`) BUCKETS 1\nPROPERTIES (\n\"replication_allocation\" = \"tag.location.default: 1\"\n);", ddl[1], StringComparison.Ordinal);

        // The shown DDL creates the same table again.
        await store.Sql("DROP TABLE example_tbl", ddl[1]);
        Assert.Equal(ddl[1], (await store.Rows("SHOW CREATE TABLE example_tbl")).Single()[1]);
    }

    /// <summary>Tables as Doris's documentation and Stream Load manual write them.</summary>
    public static TheoryData<string, string> DocumentationTables => new()
    {
        { "sqlite", Documentation },
        { "postgres", Documentation },
    };

    private const string Documentation = """
        CREATE TABLE test_streamload(
            user_id            BIGINT       NOT NULL COMMENT "user id",
            name               VARCHAR(20)           COMMENT "name",
            age                INT                   COMMENT "age"
        )
        DUPLICATE KEY(user_id)
        DISTRIBUTED BY HASH(user_id) BUCKETS 10;
        CREATE TABLE IF NOT EXISTS example_tbl_unique_merge_on_write
        (
            `user_id` LARGEINT NOT NULL COMMENT "用户id",
            `username` VARCHAR(50) NOT NULL COMMENT "用户昵称",
            `city` VARCHAR(20) COMMENT "用户所在城市",
            `age` SMALLINT COMMENT "用户年龄",
            `sex` TINYINT COMMENT "用户性别",
            `phone` LARGEINT COMMENT "用户电话",
            `address` VARCHAR(500) COMMENT "用户地址",
            `register_time` DATETIME COMMENT "用户注册时间"
        )
        UNIQUE KEY(`user_id`, `username`)
        DISTRIBUTED BY HASH(`user_id`) BUCKETS 1
        PROPERTIES (
        "replication_allocation" = "tag.location.default: 1",
        "enable_unique_key_merge_on_write" = "true"
        );
        CREATE TABLE test_json (id INT, j JSON) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 10 PROPERTIES("replication_num" = "1");
        CREATE TABLE IF NOT EXISTS array_test (
            id INT NOT NULL,
            c_array ARRAY<INT> NULL
        ) ENGINE=olap DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1 PROPERTIES ("replication_num" = "1");
        CREATE TABLE example_range_tbl
        (
            `user_id` LARGEINT NOT NULL COMMENT "User ID",
            `date` DATE NOT NULL COMMENT "Date when the data are imported",
            `timestamp` DATETIME NOT NULL COMMENT "Timestamp when the data are imported",
            `city` VARCHAR(20) COMMENT "User location city",
            `age` SMALLINT COMMENT "User age",
            `sex` TINYINT COMMENT "User gender",
            `last_visit_date` DATETIME REPLACE DEFAULT "1970-01-01 00:00:00" COMMENT "User last visit time",
            `cost` BIGINT SUM DEFAULT "0" COMMENT "Total user consumption",
            `max_dwell_time` INT MAX DEFAULT "0" COMMENT "Maximum user dwell time",
            `min_dwell_time` INT MIN DEFAULT "99999" COMMENT "Minimum user dwell time"
        )
        ENGINE=OLAP
        AGGREGATE KEY(`user_id`, `date`, `timestamp`, `city`, `age`, `sex`)
        PARTITION BY RANGE(`date`)
        (
            PARTITION `p201701` VALUES LESS THAN ("2017-02-01"),
            PARTITION `p201702` VALUES LESS THAN ("2017-03-01"),
            PARTITION `p201703` VALUES LESS THAN ("2017-04-01"),
            PARTITION `p2018` VALUES [("2018-01-01"), ("2019-01-01"))
        )
        DISTRIBUTED BY HASH(`user_id`) BUCKETS 16
        PROPERTIES ("replication_num" = "1");
        CREATE TABLE example_list_tbl
        (
            `user_id` LARGEINT NOT NULL COMMENT "User ID",
            `date` DATE NOT NULL COMMENT "Date when the data are imported",
            `city` VARCHAR(20) NOT NULL COMMENT "User location city",
            `cost` BIGINT SUM DEFAULT "0" COMMENT "Total user consumption"
        )
        ENGINE=olap
        AGGREGATE KEY(`user_id`, `date`, `city`)
        PARTITION BY LIST(`city`)
        (
            PARTITION `p_cn` VALUES IN ("Beijing", "Shanghai", "Hong Kong"),
            PARTITION `p_usa` VALUES IN ("New York", "San Francisco"),
            PARTITION `p_jp` VALUES IN ("Tokyo")
        )
        DISTRIBUTED BY HASH(`user_id`) BUCKETS 16;
        CREATE TABLE tbl_dynamic (k1 DATE, k2 INT, v1 INT SUM)
        AGGREGATE KEY(k1, k2)
        PARTITION BY RANGE(k1) ()
        DISTRIBUTED BY HASH(k2) BUCKETS 3
        PROPERTIES ("dynamic_partition.enable" = "true", "dynamic_partition.time_unit" = "DAY", "dynamic_partition.start" = "-7",
                    "dynamic_partition.end" = "3", "dynamic_partition.prefix" = "p", "dynamic_partition.buckets" = "8");
        CREATE TABLE auto_list (k INT NOT NULL, city VARCHAR(16) NOT NULL)
        DUPLICATE KEY(k) AUTO PARTITION BY LIST (city) () DISTRIBUTED BY HASH(k) BUCKETS AUTO;
        CREATE TABLE IF NOT EXISTS seq_tbl (user_id BIGINT, date DATE, group_id BIGINT, modify_date DATE, keyword VARCHAR(128))
        UNIQUE KEY(user_id, date, group_id) DISTRIBUTED BY HASH (user_id) BUCKETS 32
        PROPERTIES ("function_column.sequence_col" = 'modify_date', "replication_num" = "1", "in_memory" = "false");
        CREATE TABLE idx_tbl (id INT, text_col STRING, INDEX idx_text (text_col) USING INVERTED PROPERTIES("parser" = "english") COMMENT 'fulltext')
        DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1;
        """;

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(DocumentationTables))]
    public async Task Creates_the_tables_of_the_Doris_documentation_as_written(string kind, string statements)
    {
        await using var store = await TestStore.CreateAsync(kind, postgres);
        var creates = statements.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(s => s.Length > 0).ToList();
        foreach (var create in creates)
        {
            await store.Sql(create);
        }

        var names = (await store.Rows("SHOW TABLES")).Select(r => r[0]).ToList();
        Assert.Equal(creates.Count, names.Count);
        foreach (var name in names)
        {
            // Every table's DDL re-creates the same table.
            var ddl = (await store.Rows($"SHOW CREATE TABLE {name}"))[0][1];
            await store.Sql($"DROP TABLE {name}", ddl);
            Assert.Equal(ddl, (await store.Rows($"SHOW CREATE TABLE {name}"))[0][1]);
        }

        await store.Sql("INSERT INTO tbl_dynamic VALUES ('2030-01-01', 1, 5)", "INSERT INTO auto_list VALUES (1, 'Paris')",
            "INSERT INTO example_list_tbl VALUES (1, '2017-01-01', 'Tokyo', 3)");
        Assert.Contains("no partition for this tuple", (await store.Fails("INSERT INTO example_list_tbl VALUES (1, '2017-01-01', 'Paris', 3)")).Message,
            StringComparison.Ordinal);
        Assert.Equal(["user_id", "largeint", "No", "true", "NULL", ""], (await store.Rows("DESC example_tbl_unique_merge_on_write"))[0]);
        Assert.Contains("`user_id` largeint NOT NULL COMMENT \"用户id\"", (await store.Rows("SHOW CREATE TABLE example_tbl_unique_merge_on_write"))[0][1],
            StringComparison.Ordinal);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Applies_Doris_defaults_for_keys_distribution_and_nullability(string kind)
    {
        await using var store = await TestStore.CreateAsync(kind, postgres);
        await store.Sql(
            "CREATE TABLE dup (a INT, b VARCHAR(10), c INT, d DOUBLE)",
            "CREATE TABLE agg (k INT, v BIGINT SUM)",
            "CREATE TABLE uniq (k INT, v STRING) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS AUTO");

        Assert.Contains("DUPLICATE KEY(`a`, `b`)\nDISTRIBUTED BY RANDOM BUCKETS AUTO", (await store.Rows("SHOW CREATE TABLE dup"))[0][1], StringComparison.Ordinal);
        Assert.Contains("AGGREGATE KEY(`k`)\nDISTRIBUTED BY HASH(`k`) BUCKETS AUTO", (await store.Rows("SHOW CREATE TABLE agg"))[0][1], StringComparison.Ordinal);
        Assert.Equal(["v", "text", "Yes", "false", "NULL", "NONE"], (await store.Rows("DESC uniq"))[1]);
        var all = await store.Rows("DESC uniq ALL");
        Assert.Equal(["", "", "__DORIS_DELETE_SIGN__", "tinyint", "tinyint", "No", "false", "0", "NONE", "false", "", ""], all[2]);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Handles_if_exists_and_reports_Doris_errors(string kind)
    {
        await using var store = await TestStore.CreateAsync(kind, postgres);
        await store.Sql("CREATE TABLE t (k INT)", "CREATE TABLE IF NOT EXISTS t (k INT)", "DROP TABLE IF EXISTS nope",
            $"CREATE DATABASE IF NOT EXISTS {store.Database}");

        Assert.Equal("Table 't' already exists", (await store.Fails("CREATE TABLE t (x INT)")).Message);
        Assert.Equal($"Can't create database '{store.Database}'; database exists", (await store.Fails($"CREATE DATABASE {store.Database}")).Message);
        Assert.Equal("Unknown database 'no_such_db'", (await store.Fails("SELECT * FROM no_such_db.t")).Message);
        Assert.Equal($"Table [nope] does not exist in database [{store.Database}].", (await store.Fails("SELECT * FROM nope")).Message);
        Assert.Equal($"Unknown table 'nope' in {store.Database}", (await store.Fails("DROP TABLE nope")).Message);
        Assert.Equal("Duplicate column name 'A'", (await store.Fails("CREATE TABLE d (a INT, A INT)")).Message);
        Assert.Contains("differs only in case", (await store.Fails("CREATE TABLE T (k INT)")).Message, StringComparison.Ordinal);
        Assert.Contains("Key columns should be a ordered prefix of the schema", (await store.Fails("CREATE TABLE p (a INT, b INT) UNIQUE KEY(b)")).Message, StringComparison.Ordinal);
        Assert.Contains("Float or double can not used as a key", (await store.Fails("CREATE TABLE f (a DOUBLE) DUPLICATE KEY(a)")).Message, StringComparison.Ordinal);
        Assert.Contains("needs an aggregation type", (await store.Fails("CREATE TABLE g (a INT, b INT) AGGREGATE KEY(a)")).Message, StringComparison.Ordinal);
        Assert.Contains("Incorrect table name 'x;DROP'", (await store.Fails("CREATE TABLE `x;DROP` (a INT)")).Message, StringComparison.Ordinal);
        Assert.Contains("Incorrect database name", (await store.Fails("CREATE DATABASE `a\"b`")).Message, StringComparison.Ordinal);
        Assert.Contains("Random distribution for unique key table is unsupported",
            (await store.Fails("CREATE TABLE r (k INT, v INT) UNIQUE KEY(k) DISTRIBUTED BY RANDOM")).Message, StringComparison.Ordinal);
        Assert.Equal([["t"]], await store.Rows("SHOW TABLES"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Lists_databases_and_drops_them_with_their_tables(string kind)
    {
        await using var store = await TestStore.CreateAsync(kind, postgres);
        var other = store.Database + "_b";
        await store.Sql($"DROP DATABASE IF EXISTS {other}", $"CREATE DATABASE {other}", $"CREATE TABLE {other}.t (k INT)", $"INSERT INTO {other}.t VALUES (1)");
        try
        {
            var databases = (await store.Rows("SHOW DATABASES")).Select(r => r[0]).ToList();
            Assert.Contains(store.Database, databases);
            Assert.Contains(other, databases);
            Assert.Equal([[other]], await store.Rows($"SHOW DATABASES LIKE '{other}'"));
            Assert.Equal([["t"]], await store.Rows($"SHOW TABLES FROM {other}"));
            Assert.Equal([["1"]], await store.Rows($"SELECT k FROM {other}.t"));

            await store.Sql($"DROP DATABASE {other}");
            Assert.DoesNotContain(other, (await store.Rows("SHOW DATABASES")).Select(r => r[0]));
            Assert.Equal($"Unknown database '{other}'", (await store.Fails($"SELECT * FROM {other}.t")).Message);
            await store.Sql($"CREATE DATABASE {other}");
            Assert.Empty(await store.Rows($"SHOW TABLES FROM {other}"));
        }
        finally
        {
            await store.Sql($"DROP DATABASE IF EXISTS {other}");
        }
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Adds_and_drops_columns_keeping_data(string kind)
    {
        await using var store = await TestStore.CreateAsync(kind, postgres);
        await store.Sql("CREATE TABLE t (k INT, v VARCHAR(8)) UNIQUE KEY(k)", "INSERT INTO t VALUES (1, 'a'), (2, 'b')",
            "ALTER TABLE t ADD COLUMN n DECIMAL(10, 2) NOT NULL DEFAULT '1.50' AFTER k, ADD COLUMN s STRING",
            "INSERT INTO t (k, v, s) VALUES (3, 'c', 'x')");

        Assert.Equal([["1", "1.50", "a", "NULL"], ["2", "1.50", "b", "NULL"], ["3", "1.50", "c", "x"]], await store.Rows("SELECT * FROM t ORDER BY k"));

        await store.Sql("ALTER TABLE t DROP COLUMN v");
        Assert.Equal([["1", "1.50", "NULL"]], await store.Rows("SELECT * FROM t WHERE k = 1"));
        Assert.Contains("Can not drop key column k", (await store.Fails("ALTER TABLE t DROP COLUMN k")).Message, StringComparison.Ordinal);
        Assert.Contains("Can not add a NOT NULL column without a default value", (await store.Fails("ALTER TABLE t ADD COLUMN z INT NOT NULL")).Message, StringComparison.Ordinal);
        Assert.Contains("Column does not exists: nope", (await store.Fails("ALTER TABLE t DROP COLUMN nope")).Message, StringComparison.Ordinal);
        Assert.Equal(["k", "n", "s"], (await store.Rows("DESC t")).Select(r => r[0]));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Enforces_partitions_and_truncates_them(string kind)
    {
        await using var store = await TestStore.CreateAsync(kind, postgres);
        await store.Sql("""
            CREATE TABLE p (dt DATE, k INT, v INT) DUPLICATE KEY(dt, k)
            PARTITION BY RANGE(dt) (PARTITION p1 VALUES LESS THAN ("2024-02-01"), PARTITION p2 VALUES LESS THAN ("2024-03-01"))
            DISTRIBUTED BY HASH(k) BUCKETS 2
            """,
            "INSERT INTO p VALUES ('2024-01-05', 1, 10), ('2024-02-05', 2, 20), (NULL, 3, 30)");

        var error = await store.Fails("INSERT INTO p VALUES ('2024-03-05', 4, 40)");
        Assert.Contains("Insert has filtered data in strict mode", error.Message, StringComparison.Ordinal);
        Assert.Contains("no partition for this tuple", error.Message, StringComparison.Ordinal);

        await store.Sql("TRUNCATE TABLE p PARTITION (p1)");
        Assert.Equal([["2"]], await store.Rows("SELECT k FROM p"));
        Assert.Contains("PARTITION BY RANGE(`dt`)\n(PARTITION `p1` VALUES [(\"0001-01-01\"), (\"2024-02-01\")),\nPARTITION `p2` VALUES [(\"2024-02-01\"), (\"2024-03-01\")))",
            (await store.Rows("SHOW CREATE TABLE p"))[0][1], StringComparison.Ordinal);
        await store.Sql("TRUNCATE TABLE p");
        Assert.Empty(await store.Rows("SELECT * FROM p"));
    }
}
