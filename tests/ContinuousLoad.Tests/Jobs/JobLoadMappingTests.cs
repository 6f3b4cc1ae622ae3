using ContinuousLoad.Ingest.Options;
using ContinuousLoad.Ingest.Pipeline;
using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Statements;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Tests.Jobs;

/// <summary>A job's INSERT ... SELECT ... FROM S3(...) read into the load options each task uses.</summary>
public sealed class JobLoadMappingTests
{
    private static readonly TableSchema Scores = TableSchemaBuilder.Build((CreateTableStatement)SqlParser.ParseStatement("""
        CREATE TABLE scores (id BIGINT NOT NULL, name VARCHAR(20), score INT)
        DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1
        """), "db");

    private static string S3(string format) =>
        $"""S3("uri" = "s3://bucket/in/*", "format" = "{format}", "s3.access_key" = "ak", "s3.secret_key" = "sk", "s3.region" = "r", "s3.endpoint" = "e")""";

    private static CompiledJob Compile(string insertSql, params (string Key, string Value)[] properties)
    {
        var definition = new JobDefinition(7, "j", "root", new DateTime(2024, 5, 6, 0, 0, 0, DateTimeKind.Utc), "", "db", "scores", insertSql,
            properties.ToDictionary(p => p.Key, p => p.Value));
        return CompiledJob.Compile(definition, (InsertStatement)SqlParser.ParseStatement(insertSql));
    }

    private static LoadOptions OptionsFor(string insertSql, params (string Key, string Value)[] properties) =>
        Compile(insertSql, properties).LoadOptionsFor(Scores);

    private static string Refusal(string insertSql) => Assert.Throws<DorisException>(() => OptionsFor(insertSql)).Message;

    /// <summary>The plan CREATE JOB builds to check that the mapping fits the table.</summary>
    private static LoadPlan Plan(LoadOptions options) =>
        LoadPlan.Build(Scores, options, new EvaluationContext(TimeZoneInfo.Utc, new DateTime(2024, 5, 6, 0, 0, 0, DateTimeKind.Utc)));

    private static ColumnMapping Field(string name) => new(name, null);

    private static ColumnMapping Derived(string name, string expression) => new(name, SqlParser.ParseExpression(expression));

    [Fact]
    public void Csv_fields_run_from_c1_to_the_highest_named_and_every_target_is_derived()
    {
        var options = OptionsFor($"INSERT INTO db.scores (id, name) SELECT c1, c3 FROM {S3("csv")}");

        Assert.Equal([Field("c1"), Field("c2"), Field("c3"), Derived("id", "c1"), Derived("name", "c3")], options.Columns);
        Assert.True(options.ExtraFieldsIgnored);
        Assert.False(options.SourceNamesFromHeader);
    }

    [Fact]
    public void Csv_fields_named_only_in_the_where_are_read_too()
    {
        var options = OptionsFor($"INSERT INTO scores (id) SELECT c1 + 1 FROM {S3("csv")} WHERE c4 > 'x'");

        Assert.Equal([Field("c1"), Field("c2"), Field("c3"), Field("c4"), Derived("id", "c1 + 1")], options.Columns);
        Assert.Equal(SqlParser.ParseExpression("c4 > 'x'"), options.Where);
    }

    [Fact]
    public void Csv_star_maps_c1_to_cN_onto_the_N_target_columns()
    {
        var options = OptionsFor($"INSERT INTO scores SELECT * FROM {S3("csv")}");

        Assert.Equal([Field("c1"), Field("c2"), Field("c3"), Derived("id", "c1"), Derived("name", "c2"), Derived("score", "c3")], options.Columns);
        Assert.True(options.ExtraFieldsIgnored);
        Assert.Equal(["c1", "c2", "c3"], Plan(options).SourceNames);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("c0")]
    [InlineData("cx")]
    public void Csv_fields_are_only_named_c1_c2_and_so_on(string field) =>
        Assert.Equal(
            $"Unknown column '{field}': the columns of a CSV file are named c1, c2, ... (use csv_with_names to name them by the header)",
            Refusal($"INSERT INTO scores (id) SELECT {field} FROM {S3("csv")}"));

    private static string S3WithPaths(string paths) =>
        $"""S3("uri" = "s3://bucket/in/*", "format" = "json", "jsonpaths" = '{paths}', "s3.access_key" = "ak", "s3.secret_key" = "sk", "s3.region" = "r", "s3.endpoint" = "e")""";

    [Fact]
    public void With_jsonpaths_field_ci_is_the_value_of_the_ith_path()
    {
        var options = OptionsFor($"""INSERT INTO scores (id, name) SELECT c1, upper(c3) FROM {S3WithPaths("""["$.id", "$.user.score", "$.user.name"]""")} WHERE c2 > 1""");

        Assert.Equal([Field("c1"), Field("c2"), Field("c3"), Derived("id", "c1"), Derived("name", "upper(c3)")], options.Columns);
        Assert.Equal(["c1", "c2", "c3"], Plan(options).SourceNames);
        Assert.True(options.WhereOverSource);
    }

    [Fact]
    public void With_jsonpaths_star_maps_the_paths_onto_the_target_columns_in_order()
    {
        var options = OptionsFor($"""INSERT INTO scores SELECT * FROM {S3WithPaths("""["$.a", "$.b", "$.c"]""")}""");

        Assert.Equal([Field("c1"), Field("c2"), Field("c3"), Derived("id", "c1"), Derived("name", "c2"), Derived("score", "c3")], options.Columns);
    }

    [Fact]
    public void With_jsonpaths_a_field_past_the_last_path_or_by_key_is_refused()
    {
        Assert.Equal("Unknown column 'c3': jsonpaths names 2 field(s), c1 to c2",
            Refusal($"""INSERT INTO scores (id) SELECT c3 FROM {S3WithPaths("""["$.a", "$.b"]""")}"""));
        Assert.Equal("Unknown column 'a': with jsonpaths, the fields are named c1, c2, ... in the order of the paths",
            Refusal($"""INSERT INTO scores (id) SELECT a FROM {S3WithPaths("""["$.a", "$.b"]""")}"""));
        Assert.Equal("Column count doesn't match value count: 3 target column(s), 2 jsonpaths",
            Refusal($"""INSERT INTO scores SELECT * FROM {S3WithPaths("""["$.a", "$.b"]""")}"""));
    }

    private static string S3WithPathKeys(string format, string keys) =>
        $"""S3("uri" = "s3://bucket/in/*", "format" = "{format}", "path_partition_keys" = "{keys}", "s3.access_key" = "ak", "s3.secret_key" = "sk", "s3.region" = "r", "s3.endpoint" = "e")""";

    [Fact]
    public void Path_partition_keys_are_fields_after_the_data_fields()
    {
        var csv = OptionsFor($"INSERT INTO scores (id, name) SELECT c1, concat(region, c2) FROM {S3WithPathKeys("csv", "region")} WHERE dt > '2024'".Replace("\"region\"", "\"region,dt\"", StringComparison.Ordinal));
        var json = OptionsFor($"INSERT INTO scores (id, name) SELECT id, region FROM {S3WithPathKeys("json", "region")}");

        Assert.Equal([Field("c1"), Field("c2"), Field("region"), Field("dt"), Derived("id", "c1"), Derived("name", "concat(region, c2)")], csv.Columns);
        Assert.Equal(["c1", "c2", "region", "dt"], Plan(csv).SourceNames);
        Assert.Equal([Field("id"), Field("region"), Derived("id", "id"), Derived("name", "region")], json.Columns);
    }

    [Fact]
    public void With_star_a_target_named_like_a_path_partition_key_takes_its_value()
    {
        var options = OptionsFor($"INSERT INTO scores SELECT * FROM {S3WithPathKeys("csv", "score")}");

        Assert.Equal([Field("c1"), Field("c2"), Field("score"), Derived("id", "c1"), Derived("name", "c2")], options.Columns);
        Assert.Equal(["id", "name", "score"], Plan(options).Columns.Select(c => c.Name));
    }

    [Fact]
    public void Only_the_insert_columns_take_values_even_when_a_field_is_named_like_another_column()
    {
        var options = OptionsFor($"INSERT INTO scores (id) SELECT id FROM {S3("json")} WHERE score > 1");

        Assert.Equal(["id"], options.TargetColumns);
        Assert.IsType<ContinuousLoad.Ingest.Pipeline.ColumnSource.Constant>(Plan(options).Sources[Plan(options).Columns.IndexOf(Scores.Find("score")!)]);
    }

    [Fact]
    public void The_select_must_give_one_value_per_target_column() =>
        Assert.Equal("Column count doesn't match value count: 3 target column(s), 2 SELECT item(s)",
            Refusal($"INSERT INTO scores SELECT c1, c2 FROM {S3("csv")}"));

    [Fact]
    public void Star_and_expressions_do_not_mix() =>
        Assert.Equal("A streaming job's SELECT is either * or a list of expressions, not both",
            Refusal($"INSERT INTO scores SELECT *, c1 FROM {S3("csv")}"));

    [Fact]
    public void An_unknown_insert_column_is_refused() =>
        Assert.Equal("Unknown column 'nope' in table 'scores'", Refusal($"INSERT INTO scores (id, nope) SELECT c1, c2 FROM {S3("csv")}"));

    [Fact]
    public void An_insert_column_named_twice_is_refused() =>
        Assert.Equal("Column 'id' specified twice", Refusal($"INSERT INTO scores (id, ID) SELECT c1, c2 FROM {S3("csv")}"));

    [Fact]
    public void Csv_with_names_reads_the_header_and_keeps_only_the_derived_columns()
    {
        var options = OptionsFor($"INSERT INTO scores SELECT k, upper(n), s * 10 FROM {S3("csv_with_names")} WHERE s > 0");

        Assert.True(options.SourceNamesFromHeader);
        Assert.Equal([Derived("id", "k"), Derived("name", "upper(n)"), Derived("score", "s * 10")], options.Columns);
        Assert.Equal(SqlParser.ParseExpression("s > 0"), options.Where);
    }

    [Fact]
    public void Csv_with_names_star_takes_the_header_names_as_they_are()
    {
        var options = OptionsFor($"INSERT INTO scores SELECT * FROM {S3("csv_with_names")}");

        Assert.True(options.SourceNamesFromHeader);
        Assert.Empty(options.Columns!);
    }

    [Fact]
    public void Json_star_reads_the_target_names_as_keys()
    {
        var options = OptionsFor($"INSERT INTO scores (id, score) SELECT * FROM {S3("json")}");

        Assert.Equal([Field("id"), Field("score")], options.Columns);
        Assert.False(options.ExtraFieldsIgnored);
    }

    [Fact]
    public void Json_star_also_reads_the_keys_the_where_names()
    {
        var options = OptionsFor($"INSERT INTO scores SELECT * FROM {S3("json")} WHERE flag = 1 AND score > 0");

        Assert.Equal([Field("id"), Field("name"), Field("score"), Field("flag")], options.Columns);
        Assert.Equal(["id", "name", "score", "flag"], Plan(options).SourceNames);
    }

    [Fact]
    public void Json_expressions_read_the_keys_they_name()
    {
        var options = OptionsFor($"INSERT INTO scores SELECT k, concat(first, ' ', last), points + k FROM {S3("json")} WHERE flag = 1");

        Assert.Equal(
            [
                Field("k"), Field("first"), Field("last"), Field("points"), Field("flag"),
                Derived("id", "k"), Derived("name", "concat(first, ' ', last)"), Derived("score", "points + k"),
            ],
            options.Columns);
        Assert.Equal(SqlParser.ParseExpression("flag = 1"), options.Where);
        Assert.Equal(["k", "first", "last", "points", "flag"], Plan(options).SourceNames);
    }

    [Fact]
    public void Session_variables_set_the_load_options()
    {
        var options = OptionsFor($"INSERT INTO scores SELECT * FROM {S3("csv")}",
            ("session.insert_max_filter_ratio", "0.2"), ("session.enable_strict_mode", "true"), ("session.time_zone", "+08:00"), ("session.insert_timeout", "30"));

        Assert.Equal((0.2, true, TimeSpan.FromHours(8), TimeSpan.FromSeconds(30)),
            (options.MaxFilterRatio, options.StrictMode, options.TimeZone?.BaseUtcOffset, options.Timeout));
    }

    [Fact]
    public void Without_session_variables_the_load_defaults_apply()
    {
        var options = OptionsFor($"INSERT INTO scores SELECT * FROM {S3("csv")}");

        Assert.Equal((0.0, false, (TimeZoneInfo?)null, TimeSpan.FromSeconds(600)), (options.MaxFilterRatio, options.StrictMode, options.TimeZone, options.Timeout));
    }

    [Fact]
    public void A_bad_session_variable_is_refused_as_one()
    {
        var job = Compile($"INSERT INTO scores SELECT * FROM {S3("csv")}", ("session.insert_max_filter_ratio", "2"));

        var error = Assert.Throws<DorisException>(() => job.LoadOptionsFor(Scores));

        Assert.StartsWith("Invalid session variable: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("max_filter_ratio '2'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compiling_keeps_the_properties_and_the_source()
    {
        var job = Compile($"INSERT INTO db.scores SELECT * FROM {S3("json")}", ("max_interval", "30"));

        Assert.Equal(TimeSpan.FromSeconds(30), job.Properties.MaxInterval);
        Assert.Equal(("bucket", LoadFormat.Json), (((S3JobSource)job.Source).Location.Bucket, job.Source.Format.Format));
    }

    [Fact]
    public void Bad_properties_are_refused_when_compiling() =>
        Assert.Equal("Invalid properties: [nope]",
            Assert.Throws<DorisException>(() => Compile($"INSERT INTO scores SELECT * FROM {S3("csv")}", ("nope", "1"))).Message);

    [Theory]
    [InlineData("SELECT DISTINCT c1, c2, c3 FROM {0}")]
    [InlineData("SELECT c1, c2, max(c3) FROM {0} GROUP BY c1, c2")]
    public void Aggregating_selects_are_refused(string select) =>
        Assert.Equal("A streaming job's SELECT cannot use DISTINCT, GROUP BY or HAVING: each source row loads on its own",
            Refusal("INSERT INTO scores " + string.Format(System.Globalization.CultureInfo.InvariantCulture, select, S3("csv"))));

    private static readonly TableSchema Orders = TableSchemaBuilder.Build((CreateTableStatement)SqlParser.ParseStatement("""
        CREATE TABLE orders (id BIGINT NOT NULL, status VARCHAR(20), amount INT)
        UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1
        """), "db");

    private static string Cdc(string extra = "") =>
        $"""cdc_stream("type" = "postgres", "jdbc_url" = "jdbc:postgresql://127.0.0.1:5432/shop", "user" = "repl", "password" = "p", "schema" = "public", "table" = "orders", "offset" = "initial"{extra})""";

    [Fact]
    public void Cdc_stream_parameters_are_checked_when_compiling() =>
        Assert.Equal("offset is required", Refusal("""INSERT INTO scores SELECT * FROM cdc_stream("type" = "mysql", "jdbc_url" = "jdbc:mysql://127.0.0.1:3306", "table" = "t")"""));

    [Fact]
    public void Change_rows_map_source_columns_by_name_and_always_carry_the_delete_sign()
    {
        var job = Compile($"INSERT INTO db.orders SELECT id, upper(status), amount FROM {Cdc()} WHERE amount > 0");
        var options = job.LoadOptionsFor(Orders);

        Assert.Equal("cdc_stream:postgres", job.Source.Kind);
        Assert.True(options.ChangeData);
        Assert.Equal([Field("id"), Field("status"), Field("amount"), Derived("id", "id"), Derived("status", "upper(status)"), Derived("amount", "amount"),
            Field("__DORIS_DELETE_SIGN__")], options.Columns);
        Assert.Equal(SqlParser.ParseExpression("amount > 0"), options.Where);
    }

    [Fact]
    public void The_delete_sign_reaches_the_select_only_with_include_delete_sign()
    {
        const string sql = "INSERT INTO db.orders SELECT id, status, amount FROM {0} WHERE __DORIS_DELETE_SIGN__ = 0";
        Assert.Equal("Unknown column '__DORIS_DELETE_SIGN__': set \"include_delete_sign\" = \"true\" in cdc_stream(...) to read it",
            Assert.Throws<DorisException>(() => Compile(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, Cdc())).LoadOptionsFor(Orders)).Message);

        var options = Compile(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, Cdc(", \"include_delete_sign\" = \"true\""))).LoadOptionsFor(Orders);
        Assert.Single(options.Columns!, c => c == Field("__DORIS_DELETE_SIGN__"));
    }

    [Fact]
    public void Change_rows_load_only_into_unique_key_tables() =>
        Assert.Equal("A cdc_stream job loads into a UNIQUE KEY table, so that updates replace rows and deletes remove them; 'scores' is not one",
            Refusal($"INSERT INTO db.scores SELECT id, status, amount FROM {Cdc()}"));

    [Fact]
    public void Other_table_functions_are_refused() =>
        Assert.Equal("Unknown table valued function 'other' for a streaming job; use S3(...) or cdc_stream(...)", Refusal("""INSERT INTO scores SELECT * FROM other("k" = "v")"""));

    [Theory]
    [InlineData("INSERT INTO scores SELECT * FROM db.staging")]
    [InlineData("INSERT INTO scores VALUES (1, 'a', 2)")]
    public void Only_a_table_function_can_feed_a_job(string insertSql) =>
        Assert.Equal("A streaming job inserts from one table function: INSERT INTO db.tbl [(cols)] SELECT ... FROM S3(...) [WHERE ...]", Refusal(insertSql));

    [Fact]
    public void Ordering_or_limiting_the_source_is_refused() =>
        Assert.StartsWith("A streaming job inserts from one table function", Refusal($"INSERT INTO scores SELECT * FROM {S3("csv")} LIMIT 10"), StringComparison.Ordinal);

    [Theory]
    [InlineData("INSERT INTO scores WITH LABEL my_label SELECT * FROM {0}")]
    [InlineData("INSERT INTO scores PARTITION (p1) SELECT * FROM {0}")]
    public void Labels_and_partitions_are_refused(string insertSql) =>
        Assert.Equal("A streaming job's INSERT cannot name partitions or a label: each task's label is <jobId>_<taskId>",
            Refusal(string.Format(System.Globalization.CultureInfo.InvariantCulture, insertSql, S3("csv"))));
}
