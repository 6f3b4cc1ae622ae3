using System.Text;

namespace ContinuousLoad.IntegrationTests.StreamLoad;

public static partial class LoadCases
{
    private const string KeyText = "CREATE TABLE t (k INT, s STRING) DUPLICATE KEY(k)";

    private static IEnumerable<LoadCase> Hostile =>
    [
        new("hostile_unterminated_enclose", KeyValue, "1,\"abc\n2,b\n", "column_separator: ,", "enclose: \"") { Status = "Fail", Message = Failed, Rows = [] },
        new("hostile_one_megabyte_line", KeyText, "1," + new string('x', 1 << 20) + "\n2,b\n", "column_separator: ,")
        {
            Total = 2, Rows = ["1|1048576", "2|1"], Query = "SELECT k, length(s) FROM t ORDER BY k",
        },
        new("hostile_one_megabyte_line_too_long_for_column", KeyValue, "1," + new string('x', 1 << 20) + "\n", "column_separator: ,")
        {
            Status = "Fail", Filtered = 1, Rows = [], ErrorLog = "schema length: 20; actual length: 1048576",
        },
        new("hostile_invalid_utf8_row_filtered", KeyValue, "", "column_separator: ,", "max_filter_ratio: 0.5")
        {
            Bytes = () => [.. "1,"u8, 0xFF, 0xFE, (byte)'\n', .. "2,b\n"u8],
            Loaded = 1, Filtered = 1, Rows = ["2|b"], ErrorLog = "Unable to display, only support csv data in utf8 codec",
        },
        new("hostile_invalid_utf8_json_line", KeyValue, "", "format: json", "read_json_by_line: true", "max_filter_ratio: 0.5")
        {
            Bytes = () => [.. "{\"k\": 1, \"v\": \""u8, 0xC3, 0x28, .. "\"}\n{\"k\": 2, \"v\": \"b\"}\n"u8],
            Loaded = 1, Filtered = 1, Rows = ["2|b"],
        },
        new("hostile_huge_field_count", KeyValue, "1," + new string(',', 200_000) + "\n", "column_separator: ,")
        {
            Status = "Fail", Filtered = 1, Rows = [], ErrorLog = "actual number: 200002",
        },
        new("hostile_empty_body", KeyValue, "", "column_separator: ,") { Total = 0, Loaded = 0, Rows = [] },
        new("hostile_binary_garbage", KeyValue, "", "column_separator: ,")
        {
            Bytes = () => [.. Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919) % 251))], Status = "Fail", Message = Failed, Rows = [],
        },
        new("hostile_only_line_delimiters", KeyValue, "\n\n\n\n", "column_separator: ,") { Total = 0, Rows = [] },
        new("hostile_rows_across_many_batches", KeyValue, Lines(30_000), "column_separator: ,")
        {
            Total = 30_000, Loaded = 30_000, Rows = ["30000|1|30000"], Query = "SELECT count(*), min(k), max(k) FROM t",
        },
        new("hostile_one_bad_row_among_many_commits_nothing", KeyValue, Lines(20_000) + "oops\n", "column_separator: ,")
        {
            Status = "Fail", Total = 20_001, Loaded = 20_000, Filtered = 1, Rows = [],
        },
        new("hostile_control_characters_kept", KeyValue, "1,a\u0001b\u0007c\n", "column_separator: ,") { Rows = ["1|5"], Query = "SELECT k, length(v) FROM t" },
        new("hostile_separator_longer_than_row", KeyValue, "1,a\n", "column_separator: ,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,")
        {
            Status = "Fail", Filtered = 1, Rows = [],
        },
        new("hostile_json_deep_nesting", KeyValue, new string('[', 5000) + new string(']', 5000), "format: json") { Status = "Fail", Rows = [] },
        new("hostile_latin1_text_filtered", KeyValue, "", "column_separator: ,")
        {
            Bytes = () => Encoding.Latin1.GetBytes("1,caf\u00e9\n"), Status = "Fail", Filtered = 1, Rows = [],
        },
    ];
}
