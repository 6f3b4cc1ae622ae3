using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Definitions;
using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Syntax.Queries;
using ContinuousLoad.Sql.Syntax.Statements;
using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Tests.Sql;

public sealed class SqlParserTests
{
    private static T Parse<T>(string sql) where T : Statement => Assert.IsType<T>(SqlParser.ParseStatement(sql));

    [Theory]
    [InlineData("a + b * c", "`a` + (`b` * `c`)")]
    [InlineData("a * b + c", "(`a` * `b`) + `c`")]
    [InlineData("NOT a = b AND c OR d", "((NOT (`a` = `b`)) AND `c`) OR `d`")]
    [InlineData("a || b && c", "`a` OR (`b` AND `c`)")]
    [InlineData("x BETWEEN 1 AND 2 AND y", "(`x` BETWEEN 1 AND 2) AND `y`")]
    [InlineData("x NOT IN (1, 2) OR x IS NOT NULL", "(`x` NOT IN (1, 2)) OR (`x` IS NOT NULL)")]
    [InlineData("-x - -3", "(-`x`) - -3")]
    [InlineData("a DIV 2 % 3 MOD 4", "((`a` DIV 2) % 3) % 4")]
    [InlineData("mod(a, 2)", "mod(`a`, 2)")]
    [InlineData("t.c LIKE 'a%' AND s NOT REGEXP '^x'", "(`t`.`c` LIKE 'a%') AND (`s` NOT REGEXP '^x')")]
    [InlineData("CASE WHEN a > 1 THEN 'x' ELSE NULL END", "CASE WHEN `a` > 1 THEN 'x' ELSE NULL END")]
    [InlineData("cast(a AS decimal(10,2))", "CAST(`a` AS decimal(10,2))")]
    [InlineData("CAST(a AS SIGNED)", "CAST(`a` AS bigint)")]
    [InlineData("count(DISTINCT a) + count(*)", "count(DISTINCT `a`) + count(*)")]
    [InlineData("count(DISTINCT a), count(*)", null)]
    [InlineData("date_add(d, INTERVAL 1 DAY)", "date_add(`d`, INTERVAL 1 DAY)")]
    [InlineData("if(a, left(s, 2), right(s, 1))", "if(`a`, left(`s`, 2), right(`s`, 1))")]
    [InlineData("DATE '2024-01-02'", "CAST('2024-01-02' AS date)")]
    [InlineData("a <=> NULL", "`a` <=> NULL")]
    public void Parses_expressions_with_MySQL_precedence(string text, string? printed)
    {
        if (printed is null)
        {
            Assert.Throws<SqlSyntaxException>(() => SqlParser.ParseExpression(text));
            return;
        }

        var expression = SqlParser.ParseExpression(text);

        Assert.Equal(printed, SqlWriter.Write(expression));
        Assert.Equal(expression, SqlParser.ParseExpression(printed));
    }

    [Theory]
    [InlineData("127", TypeKind.TinyInt)]
    [InlineData("128", TypeKind.SmallInt)]
    [InlineData("-32768", TypeKind.SmallInt)]
    [InlineData("2147483648", TypeKind.BigInt)]
    [InlineData("-9223372036854775808", TypeKind.BigInt)]
    [InlineData("9223372036854775808", TypeKind.LargeInt)]
    [InlineData("123456789012345678901234567890123456789012", TypeKind.Double)]
    [InlineData("1.50", TypeKind.Decimal)]
    [InlineData("1e3", TypeKind.Double)]
    public void Types_numeric_literals_by_magnitude(string text, TypeKind kind) =>
        Assert.Equal(kind, Assert.IsType<LiteralExpression>(SqlParser.ParseExpression(text)).Type.Kind);

    [Fact]
    public void Parses_a_select_with_joins_grouping_ordering_and_limit()
    {
        var query = Parse<SelectStatement>("""
            SELECT t.k, count(*) AS n, sum(u.v) total
            FROM db1.t t LEFT JOIN `u` ON t.k = u.k JOIN (SELECT 1 AS one) d USING (one)
            WHERE t.k > 0 GROUP BY t.k HAVING n > 1 ORDER BY n DESC NULLS LAST, 1 LIMIT 5, 10;
            """).Query;

        var body = Assert.IsType<SelectBody>(query.Body);
        Assert.Equal(["n", "total"], body.Items.Skip(1).Select(i => i.Alias));
        Assert.Equal((10L, 5L), (query.Limit, query.Offset));
        Assert.Equal(new OrderItem(ColumnReference.Of("n"), true, false), query.OrderBy[0]);
        var outer = Assert.IsType<JoinTableSource>(body.From);
        Assert.Equal(JoinKind.Inner, outer.Kind);
        Assert.Equal(["one"], outer.Using);
        var inner = Assert.IsType<JoinTableSource>(outer.Left);
        Assert.Equal(new NamedTableSource(new QualifiedName("db1", "t"), "t"), inner.Left);
        Assert.Equal(query, SqlParser.ParseStatement(SqlWriter.Write(query)) is SelectStatement again ? again.Query : null);
    }

    [Fact]
    public void Parses_set_operations_and_table_functions()
    {
        var query = Parse<SelectStatement>("SELECT * FROM jobs(\"type\"=\"insert\") UNION ALL SELECT * FROM tasks('type'='insert') x").Query;

        var union = Assert.IsType<SetOperationBody>(query.Body);
        Assert.True(union.All);
        var right = Assert.IsType<TableFunctionSource>(Assert.IsType<SelectBody>(union.Right).From);
        Assert.Equal(("tasks", "x"), (right.Name, right.Alias));
        Assert.Equal([new Property("type", "insert")], right.Arguments);
    }

    [Fact]
    public void Table_function_arguments_may_be_unquoted_words_as_the_manual_writes_them()
    {
        var query = Parse<SelectStatement>("select * from job(type=insert) where ExecuteType = \"streaming\"").Query;

        var function = Assert.IsType<TableFunctionSource>(Assert.IsType<SelectBody>(query.Body).From);
        Assert.Equal("job", function.Name);
        Assert.Equal([new Property("type", "insert")], function.Arguments);
        Assert.Throws<SqlSyntaxException>(() => SqlParser.ParseStatement("CREATE TABLE t (k INT) PROPERTIES (replication_num = one)"));
    }

    [Fact]
    public void Parses_a_doris_create_table_with_every_clause()
    {
        var create = Parse<CreateTableStatement>("""
            CREATE TABLE IF NOT EXISTS example_db.example_tbl
            (
                `user_id` LARGEINT NOT NULL COMMENT "user id",
                `date` DATE NOT NULL COMMENT "load date",
                `city` VARCHAR(20) COMMENT "city",
                `age` SMALLINT,
                `cost` BIGINT SUM DEFAULT "0" COMMENT "total",
                `max_dwell_time` INT MAX DEFAULT "0",
                `last_visit` DATETIME(3) REPLACE DEFAULT CURRENT_TIMESTAMP(3),
                `tags` ARRAY<ARRAY<VARCHAR(8)>>,
                INDEX idx_city (`city`) USING INVERTED COMMENT 'x'
            )
            ENGINE=OLAP
            AGGREGATE KEY(`user_id`, `date`, `city`, `age`)
            COMMENT 'my table'
            PARTITION BY RANGE(`date`)
            (
                PARTITION `p202001` VALUES LESS THAN ("2020-02-01"),
                PARTITION `p202002` VALUES [("2020-02-01"), ("2020-03-01")),
                PARTITION `pmax` VALUES LESS THAN MAXVALUE
            )
            DISTRIBUTED BY HASH(`user_id`) BUCKETS 16
            PROPERTIES ("replication_num" = "1", "storage_medium" = "SSD");
            """);

        Assert.Equal(new QualifiedName("example_db", "example_tbl"), create.Name);
        Assert.True(create.IfNotExists);
        Assert.Equal(new KeyDescription(KeyModel.Aggregate, new NodeList<string>(["user_id", "date", "city", "age"])), create.Keys);
        Assert.Equal(new ColumnDefinition("cost", DataType.BigInt, AggregationKind.Sum, null, ColumnDefault.Of("0"), "total"), create.Columns[4]);
        Assert.Equal(new ColumnDefault(ColumnDefaultKind.CurrentTimestamp, Precision: 3), create.Columns[6].Default);
        Assert.Equal(DataType.Array(DataType.Array(DataType.Varchar(8))), create.Columns[7].Type);
        Assert.Equal("my table", create.Comment);
        Assert.Equal(3, create.Partition!.Partitions.Count);
        Assert.True(create.Partition.Partitions[2].Upper[0].IsMaxValue);
        Assert.Equal("2020-02-01", create.Partition.Partitions[1].Lower[0].Text);
        Assert.Equal(new DistributionDescription(false, new NodeList<string>(["user_id"]), 16), create.Distribution);
        Assert.Equal([new Property("replication_num", "1"), new Property("storage_medium", "SSD")], create.Properties);
        Assert.Equal("INVERTED", Assert.Single(create.Indexes).Using);
    }

    [Fact]
    public void Parses_list_and_auto_partitions_and_random_auto_buckets()
    {
        var list = Parse<CreateTableStatement>("""
            CREATE TABLE t (k INT, city VARCHAR(10)) DUPLICATE KEY(k)
            PARTITION BY LIST(city) (PARTITION p_east VALUES IN ("Beijing", "Shanghai"), PARTITION p_west VALUES IN ("Xian"))
            DISTRIBUTED BY RANDOM BUCKETS AUTO
            """);
        Assert.Equal(2, list.Partition!.Partitions[0].Values.Count);
        Assert.Equal(new DistributionDescription(true, NodeList<string>.Empty, null), list.Distribution);

        var auto = Parse<CreateTableStatement>("""
            CREATE TABLE t (k INT, dt DATETIME NOT NULL) AUTO PARTITION BY RANGE (date_trunc(`dt`, 'month')) () DISTRIBUTED BY HASH(k) BUCKETS 2
            """);
        Assert.True(auto.Partition!.Auto);
        Assert.Equal(["dt"], auto.Partition.Columns);
        Assert.Equal("date_trunc(`dt`, 'month')", auto.Partition.AutoFunction);
    }

    [Fact]
    public void Parses_insert_forms()
    {
        var values = Parse<InsertStatement>("INSERT INTO db.t PARTITION (p1) WITH LABEL my_label (a, b) VALUES (1, 'x'), (-2, DEFAULT)");
        Assert.Equal(("my_label", 2), (values.Label, values.Rows.Count));
        Assert.Equal(["a", "b"], values.Columns);
        Assert.Equal(["p1"], values.Partitions);
        Assert.Same(DefaultExpression.Instance, values.Rows[1][1]);

        var select = Parse<InsertStatement>("INSERT INTO t (SELECT * FROM u)");
        Assert.NotNull(select.Query);
        Assert.True(select.Columns.IsEmpty);
    }

    [Fact]
    public void Parses_alter_show_describe_truncate_and_drop()
    {
        var alter = Parse<AlterTableStatement>("ALTER TABLE t ADD COLUMN c INT DEFAULT '1' AFTER b, DROP COLUMN d");
        Assert.Equal(new AddColumnOperation(new ColumnDefinition("c", DataType.Int, Default: ColumnDefault.Of("1")), After: "b"), alter.Operations[0]);
        Assert.Equal(new DropColumnOperation("d"), alter.Operations[1]);
        Assert.Equal(new ShowTablesStatement("db", "a%", false), SqlParser.ParseStatement("SHOW TABLES FROM db LIKE 'a%'"));
        Assert.Equal(new DescribeStatement(new QualifiedName(null, "t"), false), SqlParser.ParseStatement("desc t"));
        Assert.Equal(new TruncateTableStatement(new QualifiedName("d", "t"), NodeList<string>.Empty), SqlParser.ParseStatement("TRUNCATE TABLE d.t"));
        Assert.Equal(new DropDatabaseStatement("x", true, true), SqlParser.ParseStatement("DROP DATABASE IF EXISTS x FORCE"));
        Assert.Equal(new ShowCreateTableStatement(new QualifiedName("a", "b")), SqlParser.ParseStatement("show create table a.b"));
    }

    [Theory]
    [InlineData("", "line 1, column 1: expected a statement but found the end of the statement")]
    [InlineData("SELEC 1", "line 1, column 1: expected a statement")]
    [InlineData("SELECT 1 FROM", "line 1, column 14: expected a table name but found the end of the statement")]
    [InlineData("SELECT a FROM t WHERE", "expected an expression but found the end")]
    [InlineData("SELECT * FROM select", "expected a table name but found 'select'")]
    [InlineData("CREATE TABLE t (a INT UNSIGNED)", "UNSIGNED integers are not supported")]
    [InlineData("CREATE TABLE t (a DECIMAL(39, 2))", "DECIMAL precision must be between 1 and 38")]
    [InlineData("CREATE TABLE t (a DECIMAL(5, 6))", "DECIMAL scale must be between 0 and the precision 5")]
    [InlineData("CREATE TABLE t (a VARCHAR(70000))", "VARCHAR length must be between 1 and 65533")]
    [InlineData("CREATE TABLE t (a MAP<INT,INT>)", "type MAP is not supported")]
    [InlineData("CREATE TABLE t (a BLOB)", "unknown type 'BLOB'")]
    [InlineData("SELECT 1; SELECT 2", "expected the end of the statement but found 'SELECT'")]
    [InlineData("SELECT ?", "parameter markers (?) are not supported")]
    [InlineData("SELECT * FROM (SELECT 1)", "Every derived table must have its own alias")]
    [InlineData("INSERT INTO t VALUES (1", "expected ')'")]
    [InlineData("SELECT a.b.c.d FROM t", "has too many parts")]
    public void Reports_errors_with_position_and_expectation(string sql, string message) =>
        Assert.Contains(message, Assert.Throws<SqlSyntaxException>(() => SqlParser.ParseStatement(sql)).Message, StringComparison.Ordinal);
}
