using ContinuousLoad.IntegrationTests.Host;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Jobs;

/// <summary>What a job reads: JSON by line and as an outer array, CSV with a header, compressed objects, globs and the SELECT's mapping.</summary>
public sealed class StreamingJobFormatTests(S3Server s3, AzuriteServer azurite)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(JobBackend.All), MemberType = typeof(JobBackend))]
    public async Task Json_csv_with_names_globs_and_compression_load_through_the_select(string backend)
    {
        await using var durable = JobBackend.Create(backend, azurite);
        var folder = TestNames.ForCurrentTest("s3") + "/";
        var database = TestNames.ForCurrentTest("fmt", maxLength: 40);
        await s3.DeletePrefixAsync(folder, Token);
        try
        {
            await using var host = await InProcessHost.StartAsync(durable.Settings);
            var sql = new JobSql(host.Client, database);
            await sql.RunAsync($"CREATE DATABASE {database}");
            await sql.RunAsync("CREATE TABLE j (id INT, name STRING, score INT) UNIQUE KEY(id)");
            await sql.RunAsync("CREATE TABLE h (id INT, name STRING) DUPLICATE KEY(id)");
            await sql.RunAsync("CREATE TABLE a (id INT, name STRING) DUPLICATE KEY(id)");
            await sql.RunAsync("CREATE TABLE p (id INT, name STRING) DUPLICATE KEY(id)");
            await sql.RunAsync("CREATE TABLE part (id INT, dt DATE, region STRING, note STRING) DUPLICATE KEY(id)");

            await s3.PutTextAsync(folder + "json/2024-01/a.json", "{\"id\":1,\"name\":\"x\",\"score\":5}\n{\"id\":2,\"name\":\"y\",\"score\":50}\n", Token);
            await s3.PutBytesAsync(folder + "json/2024-02/b.json.gz", StreamingJobTests.Gzip("{\"id\":3,\"name\":\"z\",\"score\":70}\n"), Token);
            await s3.PutTextAsync(folder + "json/2024-13/ignored.json", "{\"id\":9,\"name\":\"no\",\"score\":99}\n", Token);
            await s3.PutTextAsync(folder + "csv/part-1.csv", "name,id,extra\nalpha,10,x\nbeta,11,y\n", Token);
            await s3.PutTextAsync(folder + "arr/one.json", "[{\"id\":1,\"name\":\"p\"},{\"id\":2,\"name\":\"q\"}]", Token);
            await s3.PutTextAsync(folder + "hive/dt=2024-01-02/region=eu%20west/p.csv", "1,x\n2,y\n", Token);
            await s3.PutTextAsync(folder + "hive/dt=2024-01-03/q.csv", "3,z\n", Token);
            await s3.PutTextAsync(folder + "nested/n.json", "{\"user\":{\"id\":7,\"tags\":[\"a\",\"b\"]},\"score\":3}\n{\"user\":{\"id\":8},\"score\":0}\n", Token);

            var months = $"s3://{s3.Bucket}/{folder}json/2024-{{01..12}}/*";
            await sql.RunAsync($"""
                CREATE JOB json_job ON STREAMING PROPERTIES ("max_interval" = "1")
                DO INSERT INTO j SELECT id, concat(name, '!'), score * 10
                FROM S3("uri" = "{months}", "format" = "json", {s3.TvfParameters}) WHERE score > 10
                """);
            await sql.RunAsync($"""
                CREATE JOB header_job ON STREAMING PROPERTIES ("max_interval" = "1")
                DO INSERT INTO h (name, id) SELECT upper(name), id
                FROM S3("uri" = "s3://{s3.Bucket}/{folder}csv/part-?.csv", "format" = "csv_with_names", "column_separator" = ",", {s3.TvfParameters})
                """);
            await sql.RunAsync($"""
                CREATE JOB array_job ON STREAMING PROPERTIES ("max_interval" = "1")
                DO INSERT INTO a SELECT * FROM S3("uri" = "s3://{s3.Bucket}/{folder}arr/*.json", "format" = "json", "strip_outer_array" = "true",
                  "read_json_by_line" = "false", {s3.TvfParameters})
                """);

            await sql.RunAsync($"""
                CREATE JOB paths_job ON STREAMING PROPERTIES ("max_interval" = "1")
                DO INSERT INTO p SELECT c1, concat(c2, '/', c3) FROM S3("uri" = "s3://{s3.Bucket}/{folder}nested/*.json", "format" = "json",
                  "jsonpaths" = '["$.user.id", "$.user.tags[1]", "$.score"]', {s3.TvfParameters}) WHERE c3 > 0
                """);

            await sql.RunAsync($"""
                CREATE JOB hive_job ON STREAMING PROPERTIES ("max_interval" = "1")
                DO INSERT INTO part (id, dt, region) SELECT c1, dt, coalesce(region, 'none')
                FROM S3("uri" = "s3://{s3.Bucket}/{folder}hive/**.csv", "format" = "csv", "column_separator" = ",",
                  "path_partition_keys" = "dt,region", {s3.TvfParameters})
                """);

            await sql.WaitUntilAsync(async () => await sql.CountAsync("part") == 3, "the path partition job");
            Assert.Equal("1,2024-01-02,eu west,|2,2024-01-02,eu west,|3,2024-01-03,none,",
                await StreamingJobTests.Rows(sql, "SELECT id, dt, region, note FROM part ORDER BY id"));
            await sql.WaitUntilAsync(async () => await sql.CountAsync("p") == 1, "the jsonpaths job");
            Assert.Equal("7,b/3", await StreamingJobTests.Rows(sql, "SELECT id, name FROM p"));
            await sql.WaitUntilAsync(async () => await sql.CountAsync("a") == 2, "the outer-array job");
            await sql.WaitUntilAsync(async () => await sql.CountAsync("h") == 2, "the header job");
            await sql.WaitUntilAsync(async () => await sql.CountAsync("j") == 2, "the JSON job");
            Assert.Equal("2,y!,500|3,z!,700", await StreamingJobTests.Rows(sql, "SELECT id, name, score FROM j ORDER BY id"));
            Assert.Equal("10,ALPHA|11,BETA", await StreamingJobTests.Rows(sql, "SELECT id, name FROM h ORDER BY id"));
            Assert.Equal("1,p|2,q", await StreamingJobTests.Rows(sql, "SELECT id, name FROM a ORDER BY id"));
            Assert.Equal("5", await sql.ScalarAsync("SELECT count(*) FROM jobs(\"type\"=\"insert\") WHERE Status = 'RUNNING' AND ErrorMsg IS NULL"));
        }
        finally
        {
            await s3.DeletePrefixAsync(folder, CancellationToken.None);
        }
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(JobBackend.All), MemberType = typeof(JobBackend))]
    public async Task Job_statements_are_validated_before_the_job_exists(string backend)
    {
        await using var durable = JobBackend.Create(backend, azurite);
        var database = TestNames.ForCurrentTest("val", maxLength: 40);
        await using var host = await InProcessHost.StartAsync(durable.Settings);
        var sql = new JobSql(host.Client, database);
        await sql.RunAsync($"CREATE DATABASE {database}");
        await sql.RunAsync("CREATE TABLE t (k INT, v STRING) DUPLICATE KEY(k)");
        string Create(string name, string properties, string target, string select, string parameters) =>
            $"CREATE JOB {name} {properties} ON STREAMING DO INSERT INTO {target} SELECT {select} FROM S3({parameters})";
        var ok = $"\"uri\" = \"s3://{s3.Bucket}/val/*.csv\", \"format\" = \"csv\", {s3.TvfParameters}";

        Assert.Contains("Invalid properties: [nope]", await sql.FailAsync(Create("v1", "PROPERTIES (\"nope\" = \"1\")", "t", "c1, c2", ok)));
        Assert.Contains("Invalid value for max_interval", await sql.FailAsync(Create("v1", "PROPERTIES (\"max_interval\" = \"soon\")", "t", "c1, c2", ok)));
        Assert.Contains("are required", await sql.FailAsync(Create("v1", "", "t", "c1, c2", $"\"uri\" = \"s3://{s3.Bucket}/x\", \"format\" = \"csv\"")));
        Assert.Contains("does not exist", await sql.FailAsync(Create("v1", "", "missing", "c1, c2", ok)));
        Assert.Contains("Column count doesn't match", await sql.FailAsync(Create("v1", "", "t", "c1", ok)));
        Assert.Contains("reserved", await sql.FailAsync(Create("inner_x", "", "t", "c1, c2", ok)));
        Assert.Contains("Syntax error", await sql.FailAsync("CREATE JOB v1 ON STREAMING DO INSERT INTO t VALUES (1, 'a')"));
        Assert.Contains("Unexpected key: 'host'", await sql.FailAsync("CREATE JOB v1 ON STREAMING FROM MYSQL (\"host\" = \"127.0.0.1\") TO DATABASE d"));
        const string Mysql = "MYSQL (\"jdbc_url\" = \"jdbc:mysql://127.0.0.1:3306\", \"user\" = \"u\", \"password\" = \"p\", \"database\" = \"shop\")";
        Assert.Contains("Unexpected key: 'replication_num'", await sql.FailAsync($"CREATE JOB v1 ON STREAMING FROM {Mysql} TO DATABASE d (\"replication_num\" = \"1\")"));
        Assert.Contains("Unknown source type 'ORACLE'", await sql.FailAsync("CREATE JOB v1 ON STREAMING FROM ORACLE (\"jdbc_url\" = \"x\") TO DATABASE d"));
        Assert.Contains("'nowhere'", await sql.FailAsync($"CREATE JOB v1 ON STREAMING FROM {Mysql} TO DATABASE nowhere"));
        Assert.Contains("does not exist", await sql.FailAsync("PAUSE JOB WHERE jobName = 'nobody'"));

        await sql.RunAsync(Create("v1", "", "t", "c1, c2", ok));
        Assert.Contains("already exists", await sql.FailAsync(Create("v1", "", "t", "c1, c2", ok)));
        Assert.Contains("Only PAUSED job can be resumed", await sql.FailAsync("RESUME JOB WHERE jobName = 'v1'"));
        await sql.RunAsync("PAUSE JOB WHERE jobName = 'v1'");
        Assert.Contains("it cannot become a database-level job", await sql.FailAsync($"ALTER JOB v1 FROM {Mysql} TO DATABASE {database}"));
        Assert.Contains("S3 uri of a streaming job cannot change",
            await sql.FailAsync($"ALTER JOB v1 INSERT INTO t SELECT c1, c2 FROM S3(\"uri\" = \"s3://{s3.Bucket}/other/*.csv\", \"format\" = \"csv\", {s3.TvfParameters})"));
        await sql.RunAsync("DROP JOB WHERE jobName = 'v1'");
        await sql.RunAsync(Create("v1", "", "t", "c1, c2", ok));
        await sql.RunAsync("DROP JOB WHERE jobName = 'v1'");
    }
}
