using ContinuousLoad.Jobs.Views;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Queries;
using ContinuousLoad.Sql.Syntax.Statements;

namespace ContinuousLoad.Tests.Jobs;

public sealed class JobSqlTests
{
    private const string Insert = """
        INSERT INTO db.scores (id, name)
        SELECT c1, upper(c2) FROM S3(
            "uri" = "s3://bucket/in/*.csv",
            "format" = "csv",
            "s3.access_key" = "AKIAEXAMPLE",
            "S3.Secret_Key" = "wJalrXUtnFEMI-secret",
            "s3.SESSION_TOKEN" = "FwoGZXIvYXdzE-token",
            "s3.region" = "us-east-1",
            "s3.endpoint" = "http://127.0.0.1:9000"
        ) WHERE c1 > 0
        """;

    private static NodeList<Property> ArgumentsOf(string sql) =>
        Assert.IsType<TableFunctionSource>(Assert.IsType<SelectBody>(Assert.IsType<InsertStatement>(SqlParser.ParseStatement(sql)).Query!.Body).From).Arguments;

    [Fact]
    public void Secret_parameters_are_masked_in_any_case_and_the_rest_kept()
    {
        var masked = JobSql.Masked(Insert);

        Assert.DoesNotContain("wJalrXUtnFEMI-secret", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("FwoGZXIvYXdzE-token", masked, StringComparison.Ordinal);
        Assert.Equal(
            [
                new("uri", "s3://bucket/in/*.csv"), new("format", "csv"), new("s3.access_key", "AKIAEXAMPLE"), new("S3.Secret_Key", JobSql.Mask),
                new("s3.SESSION_TOKEN", JobSql.Mask), new("s3.region", "us-east-1"), new("s3.endpoint", "http://127.0.0.1:9000"),
            ],
            ArgumentsOf(masked).ToArray());
    }

    [Fact]
    public void The_masked_sql_reads_back_as_the_same_insert_but_for_the_secrets()
    {
        var original = (InsertStatement)SqlParser.ParseStatement(Insert);
        var masked = (InsertStatement)SqlParser.ParseStatement(JobSql.Masked(Insert));
        var select = (SelectBody)original.Query!.Body;
        var function = (TableFunctionSource)select.From!;
        var expected = original with
        {
            Query = original.Query with
            {
                Body = select with
                {
                    From = function with
                    {
                        Arguments = new NodeList<Property>(function.Arguments.Select(a => a.Key.Contains("secret", StringComparison.OrdinalIgnoreCase)
                            || a.Key.Contains("token", StringComparison.OrdinalIgnoreCase) ? a with { Value = "*XXX" } : a)),
                    },
                },
            },
        };

        Assert.Equal(expected, masked);
    }

    [Theory]
    [InlineData("s3.secret_key", true)]
    [InlineData("S3.SESSION_TOKEN", true)]
    [InlineData("password", true)]
    [InlineData("s3.access_key", false)]
    [InlineData("uri", false)]
    public void Secret_keys_are_known(string key, bool secret) => Assert.Equal(secret, ContinuousLoad.Jobs.Definitions.SecretParameters.IsSecret(key));
}
