namespace ContinuousLoad.IntegrationTests.StreamLoad;

public static partial class LoadCases
{
    private const string UniqueKeyValue = "CREATE TABLE t (k INT, v VARCHAR(20)) UNIQUE KEY(k)";

    private static IEnumerable<LoadCase> KeyModels =>
    [
        new("unique_last_row_of_a_key_wins", UniqueKeyValue, "1,a\n2,b\n1,c\n", "column_separator: ,") { Loaded = 3, Rows = ["1|c", "2|b"] },
        new("unique_merge_type_merge_deletes_matching_rows", UniqueKeyValue, "1,a\n2,x\n", "column_separator: ,", "merge_type: MERGE", "delete: v = 'x'")
        {
            Rows = ["1|a"],
        },
        new("unique_merge_type_delete", UniqueKeyValue, "1,a\n", "column_separator: ,", "merge_type: DELETE") { Loaded = 1, Rows = [] },
        new("unique_delete_sign_from_hidden_columns", UniqueKeyValue, "1,a,0\n2,b,1\n", "column_separator: ,", "hidden_columns: __DORIS_DELETE_SIGN__")
        {
            Rows = ["1|a"],
        },
        new("unique_sequence_column_orders_versions",
            "CREATE TABLE t (k INT, v VARCHAR(20)) UNIQUE KEY(k) PROPERTIES (\"function_column.sequence_type\" = \"int\")",
            "1,new,2\n1,old,1\n", "column_separator: ,", "columns: k, v, s", "function_column.sequence_col: s")
        {
            Rows = ["1|new"],
        },
        new("unique_sequence_from_hidden_columns",
            "CREATE TABLE t (k INT, v VARCHAR(20)) UNIQUE KEY(k) PROPERTIES (\"function_column.sequence_type\" = \"int\")",
            "1,new,9,0\n1,old,3,0\n2,gone,5,1\n", "column_separator: ,", "hidden_columns: __DORIS_SEQUENCE_COL__,__DORIS_DELETE_SIGN__")
        {
            Rows = ["1|new"],
        },
        new("sequence_col_on_a_table_without_sequence", UniqueKeyValue, "1,a,1\n", "column_separator: ,", "columns: k, v, s", "function_column.sequence_col: s")
        {
            Status = "Fail", Message = Analysis, Rows = [],
        },
        new("aggregate_merges_values", "CREATE TABLE t (k INT, s BIGINT SUM, m INT MAX, r VARCHAR(5) REPLACE) AGGREGATE KEY(k)", "1,1,5,a\n1,2,3,b\n2,7,7,c\n",
            "column_separator: ,")
        {
            Rows = ["1|3|5|b", "2|7|7|c"],
        },
        new("merge_type_needs_a_unique_table", KeyValue, "1,a\n", "column_separator: ,", "merge_type: DELETE") { Status = "Fail", Message = Analysis, Rows = [] },
        new("partial_update_needs_a_unique_table", KeyValue, "1\n", "partial_columns: true", "columns: k")
        {
            Status = "Fail", Message = Analysis + "Partial update is only allowed on unique table with merge-on-write enabled.", Rows = [],
        },
        new("partial_update_new_key_appends_by_default", "CREATE TABLE t (k INT, a VARCHAR(5), b VARCHAR(5) DEFAULT 'd') UNIQUE KEY(k)", "1,x\n", "column_separator: ,",
            "partial_columns: true", "columns: k, a")
        {
            Rows = ["1|x|d"],
        },
        new("partial_update_new_key_error", "CREATE TABLE t (k INT, a VARCHAR(5), b VARCHAR(5)) UNIQUE KEY(k)", "1,x\n", "column_separator: ,",
            "unique_key_update_mode: UPDATE_FIXED_COLUMNS", "partial_update_new_key_behavior: ERROR", "columns: k, a")
        {
            Status = "Fail", Message = "[E-7003]Can't append new rows in partial update when partial_update_new_key_behavior is ERROR.", Rows = [],
        },
        new("flexible_partial_update_refused", UniqueKeyValue, "{}", "format: json", "unique_key_update_mode: UPDATE_FLEXIBLE_COLUMNS")
        {
            Status = "Fail", Message = "[INVALID_ARGUMENT]unique_key_update_mode UPDATE_FLEXIBLE_COLUMNS is not supported", Rows = [],
        },
    ];
}
