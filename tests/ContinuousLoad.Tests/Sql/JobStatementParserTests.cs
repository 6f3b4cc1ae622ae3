using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Syntax.Queries;
using ContinuousLoad.Sql.Syntax.Statements;

namespace ContinuousLoad.Tests.Sql;

public sealed class JobStatementParserTests
{
    private const string S3Insert = """
        INSERT INTO db1.`tbl1`
        SELECT * FROM S3
        (
            "uri" = "s3://bucket/s3/demo/*.csv",
            "format" = "csv",
            "s3.access_key" = ""
        )
        """;

    private static readonly NodeList<Property> S3Arguments = new Property[]
    {
        new("uri", "s3://bucket/s3/demo/*.csv"), new("format", "csv"), new("s3.access_key", ""),
    };

    private static T Parse<T>(string sql) where T : Statement => Assert.IsType<T>(SqlParser.ParseStatement(sql));

    private static TableFunctionSource FunctionIn(InsertStatement? insert) =>
        Assert.IsType<TableFunctionSource>(Assert.IsType<SelectBody>(Assert.IsType<Query>(insert?.Query).Body).From);

    [Fact]
    public void Parses_a_table_level_job_with_properties_after_on_streaming_and_a_comment()
    {
        var create = Parse<CreateJobStatement>($"""
            CREATE JOB my_job
            ON STREAMING
            PROPERTIES ("s3.max_batch_files" = "256", 'max_interval' = 10)
            COMMENT 'load demo files'
            DO
            {S3Insert};
            """);

        Assert.Equal("my_job", create.Name);
        Assert.Equal([new Property("s3.max_batch_files", "256"), new Property("max_interval", "10")], create.Properties);
        Assert.Equal("load demo files", create.Comment);
        Assert.Null(create.Sync);
        Assert.Equal(new QualifiedName("db1", "tbl1"), create.Insert!.Table);
        var s3 = FunctionIn(create.Insert);
        Assert.Equal(("S3", (string?)null), (s3.Name, s3.Alias));
        Assert.Equal(S3Arguments, s3.Arguments);
    }

    [Fact]
    public void Takes_properties_before_on_streaming_as_the_same_property_set()
    {
        var before = Parse<CreateJobStatement>($"create job `my job` properties ('k' = 'v') on streaming comment \"c\" do {S3Insert}");
        var after = Parse<CreateJobStatement>($"CREATE JOB `my job` ON STREAMING PROPERTIES ('k' = 'v') COMMENT 'c' DO {S3Insert}");

        Assert.Equal("my job", before.Name);
        Assert.Equal([new Property("k", "v")], before.Properties);
        Assert.Equal(after, before);
    }

    [Fact]
    public void Parses_a_job_without_properties_or_comment()
    {
        var create = Parse<CreateJobStatement>($"CREATE JOB j ON STREAMING DO {S3Insert}");

        Assert.True(create.Properties.IsEmpty);
        Assert.Null(create.Comment);
        Assert.Equal(S3Arguments, FunctionIn(create.Insert).Arguments);
    }

    [Fact]
    public void Keeps_the_insert_column_list_and_the_select_where()
    {
        var create = Parse<CreateJobStatement>("""
            CREATE JOB j ON STREAMING DO
            INSERT INTO t (k, v) SELECT c1, c2 * 2 FROM S3("uri" = "s3://b/*.json", "format" = "json") s WHERE c1 > 0
            """);

        var insert = create.Insert!;
        Assert.Equal(["k", "v"], insert.Columns);
        var select = Assert.IsType<SelectBody>(insert.Query!.Body);
        var where = Assert.IsType<BinaryExpression>(select.Where);
        Assert.Equal((BinaryOperator.Greater, ColumnReference.Of("c1")), (where.Operator, where.Left));
        Assert.Equal(SqlParser.ParseExpression("c1 > 0"), where);
        Assert.Equal("s", FunctionIn(insert).Alias);
        Assert.Equal(2, select.Items.Count);
    }

    [Fact]
    public void Parses_a_database_level_job_with_target_properties()
    {
        var create = Parse<CreateJobStatement>("""
            CREATE JOB multi_table_sync
            ON STREAMING
            FROM mysql (
                "jdbc_url" = "jdbc:mysql://127.0.0.1:3306",
                "user" = "root",
                "include_tables" = "user_info,order_info"
            )
            TO DATABASE target_test_db (
                "table.create.properties.replication_num" = "1"
            )
            """);

        Assert.Null(create.Insert);
        Assert.Equal(
            new DatabaseSyncSource(
                "MYSQL",
                new Property[] { new("jdbc_url", "jdbc:mysql://127.0.0.1:3306"), new("user", "root"), new("include_tables", "user_info,order_info") },
                "target_test_db",
                new Property[] { new("table.create.properties.replication_num", "1") }),
            create.Sync);
    }

    [Fact]
    public void Parses_a_database_level_job_without_target_properties()
    {
        var create = Parse<CreateJobStatement>("""
            CREATE JOB pg PROPERTIES ("max_interval" = "5") ON STREAMING COMMENT 'pg sync'
            FROM Postgres ("jdbc_url" = "jdbc:postgresql://h:5432/postgres", "offset" = "latest") TO DATABASE `target`
            """);

        Assert.Equal([new Property("max_interval", "5")], create.Properties);
        Assert.Equal("pg sync", create.Comment);
        var sync = create.Sync!;
        Assert.Equal(("POSTGRES", "target"), (sync.SourceKind, sync.TargetDatabase));
        Assert.Equal(2, sync.SourceProperties.Count);
        Assert.True(sync.TargetProperties.IsEmpty);
    }

    [Fact]
    public void Takes_the_properties_keyword_before_the_target_database_list()
    {
        var keyword = Parse<CreateJobStatement>("CREATE JOB j ON STREAMING FROM MYSQL ('a' = 'b') TO DATABASE d PROPERTIES ('x' = 'y')");
        var bare = Parse<CreateJobStatement>("CREATE JOB j ON STREAMING FROM MYSQL ('a' = 'b') TO DATABASE d ('x' = 'y')");

        Assert.Equal([new Property("x", "y")], keyword.Sync!.TargetProperties);
        Assert.Equal(bare, keyword);
    }

    [Fact]
    public void Parses_alter_job_with_only_properties()
    {
        var alter = Parse<AlterJobStatement>("""Alter Job my_job PROPERTIES('offset' = '{"fileName":"regression/load/data/example_0.csv"}')""");

        Assert.Equal("my_job", alter.Name);
        Assert.Equal([new Property("offset", """{"fileName":"regression/load/data/example_0.csv"}""")], alter.Properties);
        Assert.Null(alter.Insert);
        Assert.Null(alter.Sync);
    }

    [Fact]
    public void Parses_alter_job_with_only_an_insert_with_or_without_do()
    {
        var plain = Parse<AlterJobStatement>($"ALTER JOB my_job {S3Insert}");
        var withDo = Parse<AlterJobStatement>($"alter job my_job do {S3Insert}");

        Assert.True(plain.Properties.IsEmpty);
        Assert.Equal(S3Arguments, FunctionIn(plain.Insert).Arguments);
        Assert.Null(plain.Sync);
        Assert.Equal(plain, withDo);
    }

    [Fact]
    public void Parses_alter_job_with_properties_and_an_insert()
    {
        var alter = Parse<AlterJobStatement>($"""ALTER JOB my_job PROPERTIES("session.insert_max_filter_ratio" = "0.5") {S3Insert}""");

        Assert.Equal([new Property("session.insert_max_filter_ratio", "0.5")], alter.Properties);
        Assert.Equal(new QualifiedName("db1", "tbl1"), alter.Insert!.Table);
    }

    [Fact]
    public void Parses_alter_job_with_a_database_sync()
    {
        var alter = Parse<AlterJobStatement>("ALTER JOB j PROPERTIES ('k' = 'v') FROM MYSQL ('user' = 'u') TO DATABASE d");

        Assert.Equal([new Property("k", "v")], alter.Properties);
        Assert.Equal(new DatabaseSyncSource("MYSQL", new Property[] { new("user", "u") }, "d", NodeList<Property>.Empty), alter.Sync);
        Assert.Null(alter.Insert);
    }

    [Fact]
    public void Still_parses_alter_table()
    {
        var alter = Parse<AlterTableStatement>("ALTER TABLE t DROP COLUMN d");

        Assert.Equal(new DropColumnOperation("d"), Assert.Single(alter.Operations));
    }

    [Fact]
    public void Parses_pause_resume_and_drop_job_in_any_casing()
    {
        Assert.Equal(new PauseJobStatement("x"), SqlParser.ParseStatement("PAUSE JOB WHERE jobName = 'x'"));
        Assert.Equal(new PauseJobStatement("my job"), SqlParser.ParseStatement("pause job where jobname = \"my job\";"));
        Assert.Equal(new ResumeJobStatement("x"), SqlParser.ParseStatement("Resume Job Where `JOBNAME`='x'"));
        Assert.Equal(new ResumeJobStatement("it's"), SqlParser.ParseStatement("RESUME JOB WHERE JOBNAME = 'it\\'s'"));
        Assert.Equal(new DropJobStatement("example", false), SqlParser.ParseStatement("DROP JOB where jobName='example';"));
        Assert.Equal(new DropJobStatement("example", true), SqlParser.ParseStatement("drop job if exists where `jobName` = 'example'"));
    }

    [Fact]
    public void Leaves_the_job_words_usable_as_names()
    {
        var select = Parse<SelectStatement>("SELECT pause, resume, job, streaming FROM jobs");
        var create = Parse<CreateJobStatement>($"CREATE JOB streaming ON STREAMING DO {S3Insert}");

        Assert.Equal(4, Assert.IsType<SelectBody>(select.Query.Body).Items.Count);
        Assert.Equal("streaming", create.Name);
        Assert.Equal(new PauseJobStatement("job"), SqlParser.ParseStatement("PAUSE JOB WHERE jobName = 'job'"));
        Assert.Equal("properties", Parse<AlterJobStatement>("ALTER JOB properties PROPERTIES ('a' = 'b')").Name);
    }

    [Fact]
    public void Writes_a_job_insert_as_doris_sql()
    {
        var insert = Parse<InsertStatement>("""insert into db.t (a, b) select a, b from s3('uri' = 's3://b/*.csv', "format" = "csv") where a > 1""");

        Assert.Equal(
            """INSERT INTO `db`.`t` (`a`, `b`) SELECT `a`, `b` FROM s3("uri" = "s3://b/*.csv", "format" = "csv") WHERE `a` > 1""",
            SqlWriter.Write(insert));
    }

    [Theory]
    [InlineData("INSERT INTO db.t (a, b) SELECT a, b * 2 AS c FROM S3(\"uri\" = \"s3://b/*.csv\", \"format\" = \"csv\") x WHERE a > 1 AND b IS NOT NULL")]
    [InlineData("INSERT INTO t PARTITION (p1, p2) WITH LABEL `l 1` SELECT * FROM `my tvf`('k' = 'v')")]
    [InlineData("INSERT INTO t (SELECT * FROM cdc_stream('table' = 'orders'))")]
    [InlineData("INSERT INTO t (a) VALUES (1, 'x'), (DEFAULT, NULL)")]
    [InlineData("INSERT INTO t SELECT * FROM S3('k\"ey' = 'quote \" and \\\\ backslash and \\' and \\n', 'n' = 10, 'b' = true)")]
    [InlineData("CREATE JOB my_job ON STREAMING PROPERTIES ('a' = '1') COMMENT 'it''s mine' DO INSERT INTO db.t SELECT * FROM S3('uri' = 'x')")]
    [InlineData("CREATE JOB j PROPERTIES ('a' = '1') ON STREAMING DO INSERT INTO t (k) SELECT c FROM S3('uri' = 'x') WHERE c LIKE 'a\\_%'")]
    [InlineData("CREATE JOB j ON STREAMING FROM mysql ('user' = 'root', 'password' = '******') TO DATABASE d ('table.create.properties.replication_num' = '1')")]
    [InlineData("CREATE JOB `select` ON STREAMING FROM `select` ('user' = 'root') TO DATABASE `from`")]
    [InlineData("ALTER JOB j PROPERTIES ('k' = 'v')")]
    [InlineData("ALTER JOB j PROPERTIES ()")]
    [InlineData("ALTER JOB j INSERT INTO t SELECT * FROM S3('uri' = 'x')")]
    [InlineData("ALTER JOB j PROPERTIES ('k' = 'v') DO INSERT INTO t SELECT * FROM S3('uri' = 'x')")]
    [InlineData("ALTER JOB j FROM POSTGRES ('schema' = 'public') TO DATABASE d ('x' = 'y')")]
    [InlineData("PAUSE JOB WHERE jobName = 'x'")]
    [InlineData("RESUME JOB WHERE jobName = 'a\\'b'")]
    [InlineData("DROP JOB IF EXISTS WHERE jobName = 'x'")]
    [InlineData("DROP JOB WHERE jobName = 'x'")]
    public void Round_trips_through_the_writer(string sql)
    {
        var statement = SqlParser.ParseStatement(sql);

        var written = SqlWriter.Write(statement);

        Assert.Equal(statement, SqlParser.ParseStatement(written));
        Assert.Equal(written, SqlWriter.Write(SqlParser.ParseStatement(written)));
    }

    [Fact]
    public void Refuses_to_write_statements_it_does_not_print()
    {
        var truncate = SqlParser.ParseStatement("TRUNCATE TABLE t");

        Assert.Contains("TruncateTableStatement", Assert.Throws<InvalidOperationException>(() => SqlWriter.Write(truncate)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CREATE JOB j PROPERTIES ('a' = '1') ON STREAMING PROPERTIES ('b' = '2') DO INSERT INTO t SELECT * FROM S3('uri' = 'x')",
        "line 1, column 50: PROPERTIES given twice; give the job properties either before or after ON STREAMING, not both")]
    [InlineData("CREATE JOB j ON STREAMING DO INSERT INTO t VALUES (1)",
        "line 1, column 30: a streaming job inserts from a SELECT over a table function such as S3(...) or cdc_stream(...), not from VALUES")]
    [InlineData("ALTER JOB j INSERT INTO t (a) VALUES (1)", "a streaming job inserts from a SELECT over a table function")]
    [InlineData("CREATE JOB j ON STREAMING INSERT INTO t SELECT * FROM S3('uri' = 'x')",
        "line 1, column 27: expected DO INSERT INTO ... or FROM <source> (...) TO DATABASE <db> after ON STREAMING but found 'INSERT'")]
    [InlineData("CREATE JOB j ON STREAMING DO SELECT 1", "expected INSERT but found 'SELECT'")]
    [InlineData("CREATE JOB j ON SCHEDULE EVERY 1 HOUR DO INSERT INTO t SELECT 1", "expected STREAMING after ON (only streaming jobs are supported) but found 'SCHEDULE'")]
    [InlineData("CREATE JOB j DO INSERT INTO t SELECT 1", "expected ON but found 'DO'")]
    [InlineData("CREATE JOB ON STREAMING DO INSERT INTO t SELECT 1", "line 1, column 12: expected a job name but found 'ON'")]
    [InlineData("ALTER JOB PROPERTIES ('a' = 'b')", "line 1, column 11: expected a job name but found 'PROPERTIES'")]
    [InlineData("CREATE JOB PROPERTIES ('a' = 'b') ON STREAMING DO INSERT INTO t SELECT 1", "expected a job name but found 'PROPERTIES'")]
    [InlineData("CREATE JOB j ON STREAMING FROM MYSQL ('a' = 'b')", "expected TO but found the end of the statement")]
    [InlineData("CREATE JOB j ON STREAMING FROM MYSQL TO DATABASE d", "expected '(' but found 'TO'")]
    [InlineData("CREATE JOB j ON STREAMING FROM MYSQL ('a' = 'b') TO d", "expected DATABASE but found 'd'")]
    [InlineData("PAUSE JOB WHERE id = 'x'", "line 1, column 17: expected WHERE jobName = '<name>' but found 'id'")]
    [InlineData("RESUME JOB WHERE jobName = x", "expected WHERE jobName = '<name>' but found 'x'")]
    [InlineData("RESUME JOB WHERE jobName LIKE 'x%'", "expected WHERE jobName = '<name>' but found 'LIKE'")]
    [InlineData("DROP JOB IF EXISTS jobName = 'x'", "expected WHERE jobName = '<name>' but found 'jobName'")]
    [InlineData("PAUSE JOB", "expected WHERE jobName = '<name>' but found the end of the statement")]
    [InlineData("DROP JOB WHERE jobName = 'x' AND status = 'RUNNING'", "expected the end of the statement after WHERE jobName = '<name>' but found 'AND'")]
    [InlineData("PAUSE TABLE t", "expected JOB but found 'TABLE'")]
    [InlineData("ALTER VIEW v", "expected TABLE or JOB after ALTER but found 'VIEW'")]
    [InlineData("DROP VIEW v", "expected DATABASE, TABLE or JOB after DROP but found 'VIEW'")]
    [InlineData("CREATE VIEW v", "expected DATABASE, TABLE or JOB after CREATE but found 'VIEW'")]
    [InlineData("STOP JOB", "expected a statement (SELECT, INSERT, CREATE, DROP, ALTER, PAUSE, RESUME, SET, SHOW, DESC, TRUNCATE, USE) but found 'STOP'")]
    public void Reports_job_statement_errors_with_position_and_expectation(string sql, string message) =>
        Assert.Contains(message, Assert.Throws<SqlSyntaxException>(() => SqlParser.ParseStatement(sql)).Message, StringComparison.Ordinal);
}
