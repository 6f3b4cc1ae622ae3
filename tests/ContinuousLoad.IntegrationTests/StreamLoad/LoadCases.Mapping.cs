namespace ContinuousLoad.IntegrationTests.StreamLoad;

public static partial class LoadCases
{
    private const string Analysis = "[ANALYSIS_ERROR]TStatus: errCode = 2, detailMessage = ";

    private static IEnumerable<LoadCase> Mapping =>
    [
        new("columns_reorder", KeyValue, "a,1\n", "column_separator: ,", "columns: v, k") { Rows = ["1|a"] },
        new("columns_unmapped_take_defaults", "CREATE TABLE t (k INT, v VARCHAR(10) DEFAULT 'dflt', n INT NULL) DUPLICATE KEY(k)", "1\n", "columns: k")
        {
            Rows = ["1|dflt|NULL"],
        },
        new("columns_unmapped_not_null_without_default", "CREATE TABLE t (k INT NOT NULL, v INT NOT NULL) DUPLICATE KEY(k)", "1\n", "columns: k")
        {
            Status = "Fail", Message = Analysis + "Column has no default value. column: v", Rows = [],
        },
        new("columns_placeholder_feeds_expression", KeyValue, "1,a\n", "column_separator: ,", "columns: k, tmp, v = concat(tmp, '!')") { Rows = ["1|a!"] },
        new("columns_arithmetic", KeyValue, "1,21\n", "column_separator: ,", "columns: k, x, v = x * 2") { Rows = ["1|42"] },
        new("columns_date_parts", "CREATE TABLE t (k INT, y INT, m INT, d INT, h INT, mi INT, s INT) DUPLICATE KEY(k)", "1,2024-03-04 05:06:07\n",
            "column_separator: ,", "columns: k, ts, y = year(ts), m = month(ts), d = day(ts), h = hour(ts), mi = minute(ts), s = second(ts)")
        {
            Rows = ["1|2024|3|4|5|6|7"],
        },
        new("columns_str_to_date_and_date_format", "CREATE TABLE t (k INT, d DATE, f VARCHAR(20)) DUPLICATE KEY(k)", "1,20240304\n", "column_separator: ,",
            "columns: k, raw, d = str_to_date(raw, '%Y%m%d'), f = date_format(str_to_date(raw, '%Y%m%d'), '%d/%m/%Y')")
        {
            Rows = ["1|2024-03-04|04/03/2024"],
        },
        new("columns_from_unixtime_in_header_timezone", "CREATE TABLE t (k INT, ts DATETIME) DUPLICATE KEY(k)", "1,0\n", "column_separator: ,",
            "timezone: +08:00", "columns: k, epoch, ts = from_unixtime(epoch)")
        {
            Rows = ["1|1970-01-01 08:00:00"],
        },
        new("columns_unix_timestamp_in_header_timezone", "CREATE TABLE t (k INT, e BIGINT) DUPLICATE KEY(k)", "1,1970-01-01 08:00:00\n", "column_separator: ,",
            "timezone: Asia/Shanghai", "columns: k, ts, e = unix_timestamp(ts)")
        {
            Rows = ["1|0"],
        },
        new("columns_now_is_the_load_time", "CREATE TABLE t (k INT, ts DATETIME) DUPLICATE KEY(k)", "1\n", "columns: k, ts = now()")
        {
            Rows = ["1"], Query = "SELECT count(*) FROM t WHERE ts IS NOT NULL AND ts > '2020-01-01'",
        },
        new("columns_if_and_case", "CREATE TABLE t (k INT, a VARCHAR(5), b VARCHAR(5)) DUPLICATE KEY(k)", "1,5\n2,-5\n", "column_separator: ,",
            "columns: k, x, a = if(x > 0, 'pos', 'neg'), b = case when x > 0 then 'up' else 'down' end")
        {
            Rows = ["1|pos|up", "2|neg|down"],
        },
        new("columns_null_functions", "CREATE TABLE t (k INT, a VARCHAR(5), b VARCHAR(5), c VARCHAR(5)) DUPLICATE KEY(k)", "1,\\N,x\n", "column_separator: ,",
            "columns: k, x, y, a = ifnull(x, 'none'), b = coalesce(x, y, 'z'), c = nullif(y, 'x')")
        {
            Rows = ["1|none|x|NULL"],
        },
        new("columns_cast", KeyValue, "1, 41\n", "column_separator: ,", "columns: k, x, v = cast(cast(trim(x) as int) + 1 as varchar(10))") { Rows = ["1|42"] },
        new("columns_string_functions", "CREATE TABLE t (k INT, a VARCHAR(30), b VARCHAR(30), c INT, d VARCHAR(30), e VARCHAR(30)) DUPLICATE KEY(k)",
            "1,  Hello World  ,a-b-c\n", "column_separator: ,",
            "columns: k, s, p, a = upper(trim(s)), b = concat_ws('/', lower(trim(s)), substr(trim(s), 1, 5)), c = length(trim(s)), d = replace(split_part(p, '-', 2), 'b', 'B'), e = concat(lpad('7', 3, '0'), rpad('x', 3, '.'))")
        {
            Rows = ["1|HELLO WORLD|hello world/Hello|11|B|007x.."],
        },
        new("columns_math_functions", "CREATE TABLE t (k INT, a INT, b DOUBLE, c BIGINT, d BIGINT, e INT) DUPLICATE KEY(k)", "1,-3,2.567\n", "column_separator: ,",
            "columns: k, x, y, a = abs(x), b = round(y, 1), c = floor(y), d = ceil(y), e = mod(7, 3)")
        {
            Rows = ["1|3|2.6|2|3|1"],
        },
        new("columns_md5", "CREATE TABLE t (k INT, h VARCHAR(32)) DUPLICATE KEY(k)", "1,abc\n", "column_separator: ,", "columns: k, s, h = md5(s)")
        {
            Rows = ["1|900150983cd24fb0d6963f7d28e17f72"],
        },
        new("columns_unknown_function", KeyValue, "1,a\n", "column_separator: ,", "columns: k, x, v = no_such_function(x)")
        {
            Status = "Fail", Message = Analysis, Rows = [],
        },
        new("columns_expression_on_unknown_field", KeyValue, "1,a\n", "column_separator: ,", "columns: k, x, v = concat(nope, x)")
        {
            Status = "Fail", Message = Analysis, Rows = [],
        },
        new("columns_duplicate_name", KeyValue, "1,a\n", "column_separator: ,", "columns: k, k") { Status = "Fail", Message = Analysis + "Duplicate column: k", Rows = [] },
        new("columns_derived_into_unknown_column", KeyValue, "1,a\n", "column_separator: ,", "columns: k, v, w = concat(v, 'x')")
        {
            Status = "Fail", Message = Analysis, Rows = [],
        },
        new("columns_syntax_error", KeyValue, "1,a\n", "column_separator: ,", "columns: k, v = ") { Status = "Fail", Message = Analysis, Rows = [] },
        new("where_rows_are_unselected", KeyValue, "1,a\n2,b\n3,c\n", "column_separator: ,", "where: k > 1")
        {
            Total = 3, Loaded = 2, Unselected = 1, Filtered = 0, Rows = ["2|b", "3|c"],
        },
        new("where_on_a_derived_column", KeyValue, "1,a\n2,b\n", "column_separator: ,", "columns: k, x, v = upper(x)", "where: v = 'B'")
        {
            Loaded = 1, Unselected = 1, Rows = ["2|B"],
        },
        new("where_unselects_everything", KeyValue, "1,a\n", "column_separator: ,", "where: k > 100") { Loaded = 0, Unselected = 1, Rows = [] },
        new("where_unselected_rows_do_not_count_against_ratio", KeyValue, "1,a\n2\n3,c\n", "column_separator: ,", "where: k = 1", "max_filter_ratio: 0.5")
        {
            Total = 3, Loaded = 1, Filtered = 1, Unselected = 1, Rows = ["1|a"],
        },
        new("where_syntax_error", KeyValue, "1,a\n", "column_separator: ,", "where: k >") { Status = "Fail", Message = Analysis, Rows = [] },
        new("partitions_header_filters_other_partitions",
            "CREATE TABLE t (k INT, v VARCHAR(5)) DUPLICATE KEY(k) PARTITION BY RANGE(k) (PARTITION p1 VALUES LESS THAN (10), PARTITION p2 VALUES LESS THAN (20))",
            "1,a\n15,b\n", "column_separator: ,", "partitions: p1", "max_filter_ratio: 0.5")
        {
            Loaded = 1, Filtered = 1, Rows = ["1|a"], ErrorLog = "no partition for this tuple",
        },
        new("row_outside_every_partition_is_filtered",
            "CREATE TABLE t (k INT, v VARCHAR(5)) DUPLICATE KEY(k) PARTITION BY RANGE(k) (PARTITION p1 VALUES LESS THAN (10))",
            "1,a\n99,b\n", "column_separator: ,")
        {
            Status = "Fail", Filtered = 1, Message = Failed, Rows = [],
        },
        new("partitions_header_unknown_partition",
            "CREATE TABLE t (k INT, v VARCHAR(5)) DUPLICATE KEY(k) PARTITION BY RANGE(k) (PARTITION p1 VALUES LESS THAN (10))",
            "1,a\n", "column_separator: ,", "partitions: nope")
        {
            Status = "Fail", Message = Analysis, Rows = [],
        },
    ];
}
