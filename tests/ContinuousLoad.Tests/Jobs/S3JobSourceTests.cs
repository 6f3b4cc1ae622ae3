using System.Text;
using ContinuousLoad.Ingest.Options;
using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Tests.Jobs;

public sealed class S3JobSourceTests
{
    private const string SecretKey = "wJalrXUtnFEMI-secret";
    private const string SessionToken = "FwoGZXIvYXdzE-token";

    private static readonly (string Key, string Value)[] Minimal =
    [
        ("uri", "s3://bucket/data/*.csv"), ("s3.access_key", "AKIAEXAMPLE"), ("s3.secret_key", SecretKey),
        ("s3.region", "us-east-1"), ("s3.endpoint", "s3.us-east-1.amazonaws.com"), ("format", "csv"),
    ];

    /// <summary>The minimal parameters with <paramref name="changes"/> replacing (or adding) parameters of the same name; a null value removes one.</summary>
    private static S3JobSource Parse(params (string Key, string? Value)[] changes) => S3JobSource.Parse(With(changes));

    private static string Refusal(params (string Key, string? Value)[] changes) => Assert.Throws<DorisException>(() => Parse(changes)).Message;

    private static List<Property> With((string Key, string? Value)[] changes) => TableFunctionArguments.With(Minimal, changes);

    [Fact]
    public void Minimal_parameters_give_the_connection_location_and_format()
    {
        var source = Parse();

        Assert.Equal(("s3.us-east-1.amazonaws.com", "us-east-1", "AKIAEXAMPLE", SecretKey, (string?)null, false),
            (source.Connection.Endpoint, source.Connection.Region, source.Connection.AccessKey, source.Connection.SecretKey,
                source.Connection.SessionToken, source.Connection.UsePathStyle));
        Assert.Equal(("bucket", "data/*.csv"), (source.Location.Bucket, source.Location.Key.Pattern));
        Assert.Equal(LoadFormat.Csv, source.Format.Format);
        Assert.Null(source.Compression);
    }

    [Fact]
    public void Every_missing_required_parameter_is_named()
    {
        Assert.Equal("S3 parameter(s) [uri, s3.access_key, s3.secret_key, s3.region, s3.endpoint, format] are required",
            Assert.Throws<DorisException>(() => S3JobSource.Parse([])).Message);
        Assert.Equal("S3 parameter(s) [s3.secret_key, format] are required", Refusal(("s3.secret_key", null), ("format", " ")));
    }

    [Fact]
    public void Unknown_parameters_are_refused_together() =>
        Assert.Equal("Invalid S3 parameters: [s3.bucket, path]", Refusal(("s3.bucket", "b"), ("path", "p")));

    [Fact]
    public void A_parameter_given_twice_is_refused()
    {
        var parameters = With([]);
        parameters.Add(new Property("URI", "s3://other/key"));

        Assert.Equal("S3 parameter 'URI' is given twice", Assert.Throws<DorisException>(() => S3JobSource.Parse(parameters)).Message);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("false", false)]
    [InlineData("", false)]
    public void Use_path_style_is_true_or_false(string value, bool pathStyle) =>
        Assert.Equal(pathStyle, Parse(("use_path_style", value)).Connection.UsePathStyle);

    [Fact]
    public void Use_path_style_refuses_other_values() =>
        Assert.Equal("Invalid use_path_style 'yes'. Must be true or false", Refusal(("use_path_style", "yes")));

    [Fact]
    public void A_path_style_uri_names_the_bucket_after_the_host()
    {
        var source = Parse(("uri", "http://127.0.0.1:9000/bucket/in/*.csv"), ("use_path_style", "true"), ("s3.endpoint", "http://127.0.0.1:9000"));

        Assert.Equal(("bucket", "in/*.csv"), (source.Location.Bucket, source.Location.Key.Pattern));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9000", "http://127.0.0.1:9000")]
    [InlineData(" https://minio.local ", "https://minio.local")]
    [InlineData("s3.eu-west-1.amazonaws.com", "https://s3.eu-west-1.amazonaws.com")]
    [InlineData("127.0.0.1:9000", "https://127.0.0.1:9000")]
    public void The_endpoint_is_kept_and_reached_over_https_without_a_scheme(string endpoint, string serviceUrl)
    {
        var connection = Parse(("s3.endpoint", endpoint)).Connection;

        Assert.Equal(endpoint.Trim(), connection.Endpoint);
        Assert.Equal(serviceUrl, connection.ServiceUrl);
    }

    [Fact]
    public void The_session_token_is_kept() =>
        Assert.Equal(SessionToken, Parse(("s3.session_token", SessionToken)).Connection.SessionToken);

    [Fact]
    public void Path_partition_keys_become_fields_of_their_own() =>
        Assert.Equal(["year", "month"], Parse(("path_partition_keys", " year, month ")).Format.PathFields);

    [Theory]
    [InlineData("year,9x", "'9x' is not a column name")]
    [InlineData("year,a-b", "'a-b' is not a column name")]
    [InlineData("year,YEAR", "'year' is named twice")]
    public void Path_partition_keys_must_be_distinct_column_names(string keys, string reason) =>
        Assert.Equal($"Invalid path_partition_keys '{keys}': {reason}" + (reason.EndsWith("name", StringComparison.Ordinal) ? " (letters, digits and '_', not starting with a digit)" : ""),
            Refusal(("path_partition_keys", keys)));

    [Theory]
    [InlineData("csv", LoadFormat.Csv)]
    [InlineData("CSV", LoadFormat.Csv)]
    [InlineData("json", LoadFormat.Json)]
    [InlineData("csv_with_names", LoadFormat.CsvWithNames)]
    public void Text_formats_are_accepted(string format, LoadFormat expected) =>
        Assert.Equal(expected, Parse(("format", format)).Format.Format);

    [Fact]
    public void Parquet_is_refused_with_the_formats_that_work() =>
        Assert.Equal("format parquet is not supported; load csv, csv_with_names, csv_with_names_and_types or json", Refusal(("format", "parquet")));

    [Fact]
    public void Json_is_read_by_line_unless_told_otherwise()
    {
        Assert.True(Parse(("format", "json")).Format.Json.ReadByLine);
        Assert.False(Parse(("format", "json"), ("read_json_by_line", "false")).Format.Json.ReadByLine);
        Assert.True(Parse(("format", "json"), ("strip_outer_array", "true"), ("read_json_by_line", "false")).Format.Json.StripOuterArray);
    }

    [Fact]
    public void Format_parameters_mean_what_the_stream_load_headers_mean()
    {
        var format = Parse(("column_separator", ","), ("line_delimiter", @"\r\n"), ("skip_lines", "1"), ("enclose", "\"")).Format;

        Assert.Equal(",", Encoding.UTF8.GetString(format.Csv.ColumnSeparator));
        Assert.Equal("\r\n", Encoding.UTF8.GetString(format.Csv.LineDelimiter));
        Assert.Equal(((byte?)'"', 1), (format.Csv.Enclose, format.SkipLines));
    }

    [Fact]
    public void A_bad_format_parameter_is_refused_as_the_header_would_be() =>
        Assert.Equal("Invalid read_json_by_line format 'maybe'. Must be bool type (true or false)", Refusal(("format", "json"), ("read_json_by_line", "maybe")));

    [Theory]
    [InlineData(null)]
    [InlineData("UNKNOWN")]
    [InlineData("unknown")]
    public void Without_a_compress_type_the_key_suffix_decides(string? compressType)
    {
        var source = Parse(("compress_type", compressType));

        Assert.Equal(CompressType.Gzip, source.CompressionOf("a/b.csv.gz"));
        Assert.Equal(CompressType.Gzip, source.CompressionOf("a/b.CSV.GZIP"));
        Assert.Equal(CompressType.Deflate, source.CompressionOf("a/b.csv.deflate"));
        Assert.Equal(CompressType.None, source.CompressionOf("a/b.csv"));
        Assert.Equal(CompressType.None, source.CompressionOf("a.gz/b"));
        Assert.Equal(CompressType.None, source.CompressionOf("noext"));
    }

    [Fact]
    public void A_suffix_naming_an_unread_compression_is_refused_by_name()
    {
        var error = Assert.Throws<LoadRequestException>(() => Parse().CompressionOf("a/b.csv.bz2"));

        Assert.Contains("bz2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gz")]
    [InlineData("GZIP")]
    public void A_compress_type_applies_to_every_key(string compressType)
    {
        var source = Parse(("compress_type", compressType));

        Assert.Equal(CompressType.Gzip, source.Compression);
        Assert.Equal(CompressType.Gzip, source.CompressionOf("a/b.csv"));
        Assert.Equal(CompressType.Gzip, source.CompressionOf("a/b.csv.bz2"));
    }

    [Fact]
    public void An_unread_compress_type_is_refused() =>
        Assert.Equal("compress_type lz4 is not supported; use gz or deflate", Refusal(("compress_type", "lz4")));

    [Fact]
    public void A_bad_uri_is_refused_with_what_to_fix() =>
        Assert.Equal("Invalid S3 URI 'bucket/key': expected s3://bucket/key or http(s)://host/bucket/key.", Refusal(("uri", "bucket/key")));

    [Fact]
    public void Secrets_never_show_in_text()
    {
        var source = Parse(("s3.session_token", SessionToken));

        foreach (var text in new[] { source.Connection.ToString(), source.ToString() })
        {
            Assert.DoesNotContain(SecretKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain(SessionToken, text, StringComparison.Ordinal);
            Assert.Contains("s3.us-east-1.amazonaws.com", text, StringComparison.Ordinal);
        }
    }
}
