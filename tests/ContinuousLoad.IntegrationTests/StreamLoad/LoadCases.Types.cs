namespace ContinuousLoad.IntegrationTests.StreamLoad;

public static partial class LoadCases
{
    private static IEnumerable<LoadCase> Types =>
    [
        new("nonstrict_bad_number_becomes_null", "CREATE TABLE t (k INT, n INT) DUPLICATE KEY(k)", "1,abc\n", "column_separator: ,") { Loaded = 1, Rows = ["1|NULL"] },
        new("strict_bad_number_is_filtered", "CREATE TABLE t (k INT, n INT) DUPLICATE KEY(k)", "1,abc\n2,5\n", "column_separator: ,", "strict_mode: true", "max_filter_ratio: 0.5")
        {
            Loaded = 1, Filtered = 1, Rows = ["2|5"], ErrorLog = "column(n) value is incorrect while strict mode is true",
        },
        new("strict_null_source_still_loads", "CREATE TABLE t (k INT, n INT) DUPLICATE KEY(k)", "1,\\N\n", "column_separator: ,", "strict_mode: true") { Rows = ["1|NULL"] },
        new("strict_null_from_function_is_not_an_error", "CREATE TABLE t (k INT, n INT) DUPLICATE KEY(k)", "1,x\n", "column_separator: ,", "strict_mode: true",
            "columns: k, s, n = nullif(s, 'x')")
        {
            Rows = ["1|NULL"],
        },
        new("decimal_precision_overflow_filtered_without_strict", "CREATE TABLE t (k INT, d DECIMAL(1, 0)) DUPLICATE KEY(k)", "1,10\n2,9\n", "column_separator: ,",
            "max_filter_ratio: 0.5")
        {
            Loaded = 1, Filtered = 1, Rows = ["2|9"],
        },
        new("decimal_scale_rounds", "CREATE TABLE t (k INT, d DECIMAL(10, 2)) DUPLICATE KEY(k)", "1,3.14159\n2,-0.005\n", "column_separator: ,")
        {
            Rows = ["1|3.14", "2|-0.01"],
        },
        new("tinyint_out_of_range_filtered", "CREATE TABLE t (k INT, n TINYINT) DUPLICATE KEY(k)", "1,128\n", "column_separator: ,") { Status = "Fail", Filtered = 1, Rows = [] },
        new("varchar_too_long_filtered", "CREATE TABLE t (k INT, v VARCHAR(3)) DUPLICATE KEY(k)", "1,abcd\n2,abc\n", "column_separator: ,", "max_filter_ratio: 0.5")
        {
            Loaded = 1, Filtered = 1, Rows = ["2|abc"], ErrorLog = "the length of input is too long than schema",
        },
        new("varchar_length_counts_bytes", "CREATE TABLE t (k INT, v VARCHAR(3)) DUPLICATE KEY(k)", "1,éé\n", "column_separator: ,") { Status = "Fail", Filtered = 1, Rows = [] },
        new("null_into_not_null_filtered", "CREATE TABLE t (k INT, v VARCHAR(3) NOT NULL) DUPLICATE KEY(k)", "1,\\N\n", "column_separator: ,")
        {
            Status = "Fail", Filtered = 1, Rows = [], ErrorLog = "null value for not null column",
        },
        new("date_and_datetime_formats", "CREATE TABLE t (k INT, d DATE, ts DATETIME) DUPLICATE KEY(k)",
            "1,2024-01-02,2024-01-02 03:04:05\n2,20240102,20240102030405\n3,2024/01/02,2024-01-02T03:04:05\n", "column_separator: ,")
        {
            Rows = ["1|2024-01-02|2024-01-02 03:04:05", "2|2024-01-02|2024-01-02 03:04:05", "3|2024-01-02|2024-01-02 03:04:05"],
        },
        new("invalid_date_is_null_without_strict", "CREATE TABLE t (k INT, d DATE) DUPLICATE KEY(k)", "1,2024-02-30\n", "column_separator: ,") { Rows = ["1|NULL"] },
        new("datetime_fraction_kept_to_column_precision", "CREATE TABLE t (k INT, ts DATETIME(3)) DUPLICATE KEY(k)", "1,2024-01-02 03:04:05.123\n", "column_separator: ,")
        {
            Rows = ["1|2024-01-02 03:04:05.123"],
        },
        new("booleans", "CREATE TABLE t (k INT, b BOOLEAN) DUPLICATE KEY(k)", "1,true\n2,false\n3,1\n4,0\n", "column_separator: ,")
        {
            Rows = ["1|true", "2|false", "3|true", "4|false"],
        },
        new("wide_numbers", "CREATE TABLE t (k INT, big LARGEINT, b BIGINT, f DOUBLE) DUPLICATE KEY(k)",
            "1,170141183460469231731687303715884105727,-9223372036854775808,1.5e10\n", "column_separator: ,")
        {
            Rows = ["1|170141183460469231731687303715884105727|-9223372036854775808|15000000000"],
        },
        new("bigint_overflow_filtered", "CREATE TABLE t (k INT, b BIGINT) DUPLICATE KEY(k)", "1,9223372036854775808\n", "column_separator: ,") { Status = "Fail", Filtered = 1, Rows = [] },
        new("string_column_takes_long_text", "CREATE TABLE t (k INT, s STRING) DUPLICATE KEY(k)", "1," + new string('x', 70000) + "\n", "column_separator: ,")
        {
            Rows = ["1|70000"], Query = "SELECT k, length(s) FROM t",
        },
    ];
}
