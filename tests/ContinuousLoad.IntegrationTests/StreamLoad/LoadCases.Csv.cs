namespace ContinuousLoad.IntegrationTests.StreamLoad;

public static partial class LoadCases
{
    private static IEnumerable<LoadCase> Csv =>
    [
        new("csv_default_tab", KeyValue, "1\ta\n2\tb\n") { Total = 2, Loaded = 2, Rows = ["1|a", "2|b"] },
        new("csv_comma", KeyValue, "1,a\n2,b\n", "column_separator: ,") { Loaded = 2, Rows = ["1|a", "2|b"] },
        new("csv_multi_char_separator", KeyValue, "1||a\n2||b\n", "column_separator: ||") { Rows = ["1|a", "2|b"] },
        new("csv_hex_separator", KeyValue, "1\u0001a\n2\u0001b\n", @"column_separator: \x01") { Rows = ["1|a", "2|b"] },
        new("csv_multi_char_line_delimiter", KeyValue, "1,a;;2,b;;", "column_separator: ,", "line_delimiter: ;;") { Rows = ["1|a", "2|b"] },
        new("csv_hex_line_delimiter", KeyValue, "1,a\u00022,b", "column_separator: ,", @"line_delimiter: \x02") { Rows = ["1|a", "2|b"] },
        new("csv_crlf", KeyValue, "1,a\r\n2,b\r\n", "column_separator: ,") { Rows = ["1|a", "2|b"] },
        new("csv_utf8_bom", KeyValue, "\uFEFF1,a\n", "column_separator: ,") { Rows = ["1|a"] },
        new("csv_null_marker", KeyValue, "1,\\N\n", "column_separator: ,") { Rows = ["1|NULL"] },
        new("csv_empty_field_is_empty_string", KeyValue, "1,\n", "column_separator: ,") { Rows = ["1|"] },
        new("csv_empty_field_into_int_is_null", "CREATE TABLE t (v VARCHAR(5), k INT) DUPLICATE KEY(v)", "a,\n", "column_separator: ,") { Rows = ["a|NULL"] },
        new("csv_last_line_without_delimiter", KeyValue, "1,a\n2,b", "column_separator: ,") { Total = 2, Rows = ["1|a", "2|b"] },
        new("csv_empty_lines_skipped", KeyValue, "1,a\n\n2,b\n\n", "column_separator: ,") { Total = 2, Rows = ["1|a", "2|b"] },
        new("csv_utf8_values", KeyValue, "1,日本語\n2,é\n", "column_separator: ,") { Rows = ["1|日本語", "2|é"] },
        new("csv_enclose_protects_separator", KeyValue, "1,\"a,b\"\n", "column_separator: ,", "enclose: \"") { Rows = ["1|a,b"] },
        new("csv_enclose_protects_line_break", KeyValue, "1,\"x\ny\"\n2,z\n", "column_separator: ,", "enclose: \"") { Total = 2, Rows = ["1|x\ny", "2|z"] },
        new("csv_escape_inside_enclose", KeyValue, "1,\"a\\\"b\"\n", "column_separator: ,", "enclose: \"", "escape: \\") { Rows = ["1|a\"b"] },
        new("csv_trim_double_quotes", KeyValue, "1,\"a\"\n", "column_separator: ,", "trim_double_quotes: true") { Rows = ["1|a"] },
        new("csv_quotes_kept_without_trim", KeyValue, "1,\"a\"\n", "column_separator: ,") { Rows = ["1|\"a\""] },
        new("csv_skip_lines", KeyValue, "junk\nmore junk\n1,a\n", "column_separator: ,", "skip_lines: 2") { Total = 1, Rows = ["1|a"] },
        new("csv_with_names", KeyValue, "k,v\n1,a\n", "column_separator: ,", "format: csv_with_names") { Total = 1, Rows = ["1|a"] },
        new("csv_with_names_and_types", KeyValue, "k,v\nint,varchar\n1,a\n", "column_separator: ,", "format: CSV_WITH_NAMES_AND_TYPES") { Total = 1, Rows = ["1|a"] },
        new("csv_with_names_ignores_skip_lines", KeyValue, "k,v\n1,a\n2,b\n", "column_separator: ,", "format: csv_with_names", "skip_lines: 2") { Total = 2, Rows = ["1|a", "2|b"] },
        new("csv_fewer_fields_filtered", KeyValue, "1\n", "column_separator: ,")
        {
            Status = "Fail", Total = 1, Filtered = 1, Message = Failed, Rows = [],
            ErrorLog = "Reason: actual column number in csv file is  less than  schema column number.actual number: 1, schema column number: 2; ",
        },
        new("csv_more_fields_filtered", KeyValue, "1,a,x\n", "column_separator: ,")
        {
            Status = "Fail", Filtered = 1, Message = Failed, Rows = [], ErrorLog = "more than  schema column number.actual number: 3",
        },
        new("csv_trailing_separator_is_an_extra_field", KeyValue, "1,a,\n", "column_separator: ,") { Status = "Fail", Filtered = 1, Rows = [] },
        new("csv_filter_ratio_tolerates", KeyValue, "1,a\n2\n3,c\n4,d\n", "column_separator: ,", "max_filter_ratio: 0.3")
        {
            Total = 4, Loaded = 3, Filtered = 1, Rows = ["1|a", "3|c", "4|d"], ErrorLog = "src line [2]",
        },
        new("csv_filter_ratio_exceeded_commits_nothing", KeyValue, "1,a\n2\n3\n4,d\n", "column_separator: ,", "max_filter_ratio: 0.3")
        {
            Status = "Fail", Total = 4, Loaded = 2, Filtered = 2, Message = Failed, Rows = [],
        },
    ];
}
