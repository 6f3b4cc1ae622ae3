using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Tests.Jobs;

public sealed class JobPropertiesTests
{
    private const long Mib = 1024L * 1024;

    private static JobProperties Parse(params (string Key, string Value)[] properties) =>
        JobProperties.Parse(properties.Select(p => new Property(p.Key, p.Value)));

    private static string Refusal(params (string Key, string Value)[] properties) =>
        Assert.Throws<DorisException>(() => Parse(properties)).Message;

    [Fact]
    public void Defaults_are_Doris_defaults()
    {
        var properties = Parse();

        Assert.Equal((TimeSpan.FromSeconds(10), 256, 10L * 1024 * Mib), (properties.MaxInterval, properties.MaxBatchFiles, properties.MaxBatchBytes));
        Assert.Empty(properties.Session);
        Assert.Null(properties.OffsetFileName);
        Assert.Equal(JobProperties.Default, properties with { Session = JobProperties.Default.Session });
    }

    [Theory]
    [InlineData("10", 10)]
    [InlineData("10s", 10)]
    [InlineData("10S", 10)]
    [InlineData(" 1 ", 1)]
    [InlineData("86400", 86_400)]
    public void Max_interval_takes_whole_seconds_with_or_without_the_s(string value, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Parse(("max_interval", value)).MaxInterval);

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData("86401")]
    public void Max_interval_refuses_what_is_not_a_positive_whole_number_of_seconds(string value)
    {
        var message = Refusal(("max_interval", value));

        Assert.StartsWith($"Invalid value for max_interval: '{value}'.", message, StringComparison.Ordinal);
        Assert.Contains("1 to 86400", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("104857600", 100 * Mib)]
    [InlineData("100M", 100 * Mib)]
    [InlineData("100mb", 100 * Mib)]
    [InlineData("1G", 1024 * Mib)]
    [InlineData("10G", 10 * 1024 * Mib)]
    [InlineData("204800K", 200 * Mib)]
    public void Max_batch_bytes_takes_bytes_or_a_size_with_a_suffix(string value, long bytes) =>
        Assert.Equal(bytes, Parse(("s3.max_batch_bytes", value)).MaxBatchBytes);

    [Theory]
    [InlineData("99M")]
    [InlineData("11G")]
    [InlineData("104857599")]
    [InlineData("1T")]
    [InlineData("x")]
    [InlineData("-100M")]
    [InlineData("9999999999999999999G")]
    public void Max_batch_bytes_refuses_sizes_outside_100M_to_10G(string value)
    {
        var message = Refusal(("s3.max_batch_bytes", value));

        Assert.Equal($"Invalid value for s3.max_batch_bytes: '{value}'. Use a size from 100M (104857600) to 10G (10737418240)", message);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("256", 256)]
    [InlineData("100000", 100_000)]
    public void Max_batch_files_takes_1_to_100000(string value, int files) =>
        Assert.Equal(files, Parse(("s3.max_batch_files", value)).MaxBatchFiles);

    [Theory]
    [InlineData("0")]
    [InlineData("100001")]
    [InlineData("-5")]
    [InlineData("ten")]
    public void Max_batch_files_refuses_values_outside_its_range(string value) =>
        Assert.Equal($"Invalid value for s3.max_batch_files: '{value}'. Use a whole number from 1 to 100000", Refusal(("s3.max_batch_files", value)));

    [Fact]
    public void Unknown_keys_are_refused_together_in_Doris_words() =>
        Assert.Equal("Invalid properties: [a, b]", Refusal(("a", "1"), ("max_interval", "5"), ("b", "2")));

    [Fact]
    public void Session_variables_are_kept_and_looked_up_ignoring_case()
    {
        var properties = Parse(("SESSION.Insert_Max_Filter_Ratio", "0.2"), ("session.time_zone", "Asia/Shanghai"));

        Assert.Equal("0.2", properties.Session["insert_max_filter_ratio"]);
        Assert.Equal("Asia/Shanghai", properties.Session["TIME_ZONE"]);
        Assert.Equal(2, properties.Session.Count);
    }

    [Fact]
    public void Offset_takes_the_file_name_of_the_last_loaded_object() =>
        Assert.Equal("data/2024/part-7.csv", Parse(("offset", """{"fileName":"data/2024/part-7.csv"}""")).OffsetFileName);

    [Theory]
    [InlineData("""{"file":"k"}""")]
    [InlineData("""{"fileName":7}""")]
    [InlineData("""["k"]""")]
    [InlineData("k")]
    [InlineData("")]
    public void Offset_refuses_any_other_shape_and_shows_the_expected_one(string value) =>
        Assert.Equal($$"""Invalid offset: '{{value}}'. An S3 job's offset is {"fileName":"<key of the last loaded object>"}""", Refusal(("offset", value)));

    [Fact]
    public void Alter_changes_only_the_keys_it_names_and_keeps_the_session()
    {
        var created = Parse(("max_interval", "30"), ("s3.max_batch_files", "10"), ("session.time_zone", "UTC"));

        var altered = JobProperties.Parse([new Property("s3.max_batch_bytes", "1G"), new Property("session.enable_strict_mode", "true")], created);

        Assert.Equal((TimeSpan.FromSeconds(30), 10, 1024 * Mib), (altered.MaxInterval, altered.MaxBatchFiles, altered.MaxBatchBytes));
        Assert.Equal(new Dictionary<string, string> { ["time_zone"] = "UTC", ["enable_strict_mode"] = "true" }, altered.Session);
    }

    [Fact]
    public void Alter_never_carries_an_earlier_offset()
    {
        var created = Parse(("offset", """{"fileName":"a.csv"}"""));

        var altered = JobProperties.Parse([new Property("max_interval", "5")], created);

        Assert.Equal("a.csv", created.OffsetFileName);
        Assert.Null(altered.OffsetFileName);
        Assert.Equal("b.csv", JobProperties.Parse([new Property("offset", """{"fileName":"b.csv"}""")], created).OffsetFileName);
    }

    [Fact]
    public void Shown_lists_every_setting_and_the_session_but_not_the_offset()
    {
        var properties = Parse(("max_interval", "15s"), ("s3.max_batch_bytes", "200M"), ("session.time_zone", "UTC"), ("offset", """{"fileName":"k"}"""));

        Assert.Equal(
            [
                new("max_interval", "15"), new("s3.max_batch_bytes", "209715200"), new("s3.max_batch_files", "256"), new("s3.ordering", "lexicographic"),
                new("session.time_zone", "UTC"),
            ],
            properties.Shown().ToArray<KeyValuePair<string, string>>());
    }
}
