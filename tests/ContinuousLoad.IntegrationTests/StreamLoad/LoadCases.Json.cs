namespace ContinuousLoad.IntegrationTests.StreamLoad;

public static partial class LoadCases
{
    private static IEnumerable<LoadCase> Json =>
    [
        new("json_one_object", KeyValue, """{"k": 1, "v": "a"}""", "format: json") { Total = 1, Rows = ["1|a"] },
        new("json_strip_outer_array", KeyValue, """[{"k": 1, "v": "a"}, {"v": "b", "k": 2}]""", "format: json", "strip_outer_array: true")
        {
            Total = 2, Rows = ["1|a", "2|b"],
        },
        new("json_array_needs_strip_outer_array", KeyValue, """[{"k": 1, "v": "a"}]""", "format: json") { Status = "Fail", Rows = [] },
        new("json_by_line", KeyValue, "{\"k\": 1, \"v\": \"a\"}\n{\"k\": 2, \"v\": \"b\"}\n", "format: json", "read_json_by_line: true") { Total = 2, Rows = ["1|a", "2|b"] },
        new("json_by_line_bad_line_filtered", KeyValue, "{\"k\": 1, \"v\": \"a\"}\n{not json}\n{\"k\": 3, \"v\": \"c\"}\n", "format: json", "read_json_by_line: true",
            "max_filter_ratio: 0.5")
        {
            Total = 3, Loaded = 2, Filtered = 1, Rows = ["1|a", "3|c"], ErrorLog = "src line [{not json}]",
        },
        new("json_missing_key_is_null", "CREATE TABLE t (k INT, v VARCHAR(5), w INT) DUPLICATE KEY(k)", """{"k": 1}""", "format: json") { Rows = ["1|NULL|NULL"] },
        new("json_missing_key_into_not_null_filtered", "CREATE TABLE t (k INT, v VARCHAR(5) NOT NULL) DUPLICATE KEY(k)", """{"k": 1}""", "format: json")
        {
            Status = "Fail", Filtered = 1, Rows = [],
        },
        new("json_extra_keys_ignored", KeyValue, """{"k": 1, "v": "a", "other": [1, 2]}""", "format: json") { Rows = ["1|a"] },
        new("jsonpaths_bind_in_order", KeyValue, """{"id": 1, "info": {"name": "a"}}""", "format: json", """jsonpaths: ["$.id", "$.info.name"]""", "columns: k, v")
        {
            Rows = ["1|a"],
        },
        new("jsonpaths_with_expression", KeyValue, """{"id": 1, "name": "a"}""", "format: json", """jsonpaths: ["$.id", "$.name"]""", "columns: k, n, v = upper(n)")
        {
            Rows = ["1|A"],
        },
        new("json_root", KeyValue, """{"meta": 1, "data": [{"k": 1, "v": "a"}, {"k": 2, "v": "b"}]}""", "format: json", "json_root: $.data", "strip_outer_array: true")
        {
            Total = 2, Rows = ["1|a", "2|b"],
        },
        new("json_array_into_array_column", "CREATE TABLE t (k INT, a ARRAY<INT>) DUPLICATE KEY(k)", """{"k": 1, "a": [1, 2, 3]}""", "format: json")
        {
            Rows = ["1|[1, 2, 3]"],
        },
        new("json_object_into_json_column", "CREATE TABLE t (k INT, j JSON) DUPLICATE KEY(k)", """{"k": 1, "j": {"x": 1, "y": [true, null]}}""", "format: json")
        {
            Rows = ["1|{\"x\":1,\"y\":[true,null]}"],
        },
        new("json_number_keeps_precision", "CREATE TABLE t (k INT, d DECIMAL(30, 6)) DUPLICATE KEY(k)", """{"k": 1, "d": 123456789012345678.123456}""", "format: json")
        {
            Rows = ["1|123456789012345678.123456"],
        },
        new("json_num_as_string_and_fuzzy_parse_accepted", KeyValue, "[{\"k\": 1, \"v\": \"a\"}, {\"k\": 2, \"v\": \"b\"}]", "format: json", "strip_outer_array: true",
            "num_as_string: true", "fuzzy_parse: true")
        {
            Rows = ["1|a", "2|b"],
        },
        new("json_booleans_and_nulls", "CREATE TABLE t (k INT, b BOOLEAN, v VARCHAR(5)) DUPLICATE KEY(k)", """{"k": 1, "b": true, "v": null}""", "format: json")
        {
            Rows = ["1|true|NULL"],
        },
        new("json_unicode_escapes", KeyValue, """{"k": 1, "v": "\u00e9\n"}""", "format: json") { Rows = ["1|é\n"] },
        new("json_malformed_document", KeyValue, """{"k": 1, "v": """, "format: json") { Status = "Fail", Message = "[DATA_QUALITY_ERROR]", Rows = [] },
        new("json_empty_body", KeyValue, "", "format: json") { Total = 0, Rows = [] },
        new("json_with_compress_type_refused", KeyValue, "{}", "format: json", "compress_type: gz")
        {
            Status = "Fail", Message = "[INTERNAL_ERROR]compress data of JSON format is not supported.", Rows = [],
        },
    ];
}
