using ContinuousLoad.Ingest.Options;

namespace ContinuousLoad.Tests.Ingest;

public sealed class LoadOptionsParserTests
{
    private static LoadOptions Parse(params (string Name, string Value)[] headers) =>
        LoadOptionsParser.Parse(name => headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value);

    private static string Refusal(params (string Name, string Value)[] headers) =>
        Assert.Throws<LoadRequestException>(() => Parse(headers)).DorisMessage;

    [Fact]
    public void Defaults_are_Doris_defaults()
    {
        var options = Parse();

        Assert.Equal((LoadFormat.Csv, "\t", "\n", 0.0, 600.0, false), (options.Format, System.Text.Encoding.UTF8.GetString(options.Csv.ColumnSeparator),
            System.Text.Encoding.UTF8.GetString(options.Csv.LineDelimiter), options.MaxFilterRatio, options.Timeout.TotalSeconds, options.StrictMode));
        Assert.Null(options.Label);
    }

    [Theory]
    [InlineData(@"\x01", new byte[] { 1 })]
    [InlineData(@"\x1F\x02", new byte[] { 0x1F, 2 })]
    [InlineData("||", new byte[] { (byte)'|', (byte)'|' })]
    [InlineData(@"\t", new byte[] { 9 })]
    [InlineData("é", new byte[] { 0xC3, 0xA9 })]
    public void Separators_take_hex_and_escapes(string header, byte[] bytes) =>
        Assert.Equal(bytes, Parse(("column_separator", header)).Csv.ColumnSeparator);

    [Theory]
    [InlineData("timeout", "abc", "[INVALID_ARGUMENT]Invalid timeout format")]
    [InlineData("timeout", "259201", "[ANALYSIS_ERROR]TStatus: errCode = 2, detailMessage = Invalid timeout: 259201. Timeout should between 1 and 259200 seconds")]
    [InlineData("strict_mode", "1", "[INVALID_ARGUMENT]Invalid strict mode format. Must be bool type")]
    [InlineData("merge_type", "upsert", "[INVALID_ARGUMENT]Invalid merge type upsert")]
    [InlineData("format", "avro", "[INTERNAL_ERROR]unknown data format, format=avro")]
    [InlineData("label", "a b", "[ANALYSIS_ERROR]TStatus: errCode = 2, detailMessage = Label format error. regex: ^[-_A-Za-z0-9:]{1,128}$, label: a b")]
    [InlineData("escape", "ab", "[INVALID_ARGUMENT]escape must be single-char, actually is ab")]
    [InlineData("max_filter_ratio", "-0.1", "[ANALYSIS_ERROR]TStatus: errCode = 2, detailMessage = Invalid max_filter_ratio '-0.1': expected a number from 0 to 1")]
    public void Bad_values_are_refused_in_Doris_words(string header, string value, string message) =>
        Assert.Equal(message, Refusal((header, value)));

    [Fact]
    public void Combinations_Doris_refuses_are_refused()
    {
        Assert.Equal("[INVALID_ARGUMENT]Excepted DELETE ON clause when merge type is MERGE.", Refusal(("merge_type", "MERGE")));
        Assert.Equal("[INVALID_ARGUMENT]Not support DELETE ON clause when merge type is not MERGE.", Refusal(("delete", "k = 1")));
        Assert.Equal("[INTERNAL_ERROR]compress data of JSON format is not supported.", Refusal(("format", "json"), ("compress_type", "gz")));
        Assert.StartsWith("[INVALID_ARGUMENT]group_commit", Refusal(("group_commit", "async_mode"), ("label", "x")), StringComparison.Ordinal);
        Assert.StartsWith("[INVALID_ARGUMENT]enclose must", Refusal(("enclose", ","), ("column_separator", ",")), StringComparison.Ordinal);
    }

    [Fact]
    public void Partial_update_modes()
    {
        Assert.True(Parse(("unique_key_update_mode", "UPDATE_FIXED_COLUMNS")).PartialColumns);
        Assert.False(Parse(("partial_columns", "true"), ("partial_update_new_key_behavior", "ERROR")).PartialNewKeysAllowed);
        Assert.Equal("[INVALID_ARGUMENT]unique_key_update_mode UPDATE_FLEXIBLE_COLUMNS is not supported; use UPSERT or UPDATE_FIXED_COLUMNS",
            Refusal(("unique_key_update_mode", "update_flexible_columns")));
    }
}
