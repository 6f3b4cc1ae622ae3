namespace ContinuousLoad.IntegrationTests.StreamLoad;

public static partial class LoadCases
{
    private static IEnumerable<LoadCase> Headers =>
    [
        new("header_comment_echoed", KeyValue, "1\ta\n", "comment: nightly batch") { Fields = ["Comment=nightly batch", "TwoPhaseCommit=false"] },
        new("header_label_echoed", KeyValue, "1\ta\n", "label: my_label-1:x") { Fields = ["Label=my_label-1:x"] },
        new("header_names_are_case_insensitive", KeyValue, "1,a\n", "Column_Separator: ,", "FORMAT: CSV") { Rows = ["1|a"] },
        new("header_doris_internals_accepted", KeyValue, "1\ta\n", "exec_mem_limit: 2147483648", "send_batch_parallelism: 2", "load_to_single_tablet: false",
            "memtable_on_sink_node: true", "timeout: 60")
        {
            Rows = ["1|a"],
        },
        new("header_group_commit", KeyValue, "1\ta\n", "group_commit: async_mode") { Fields = ["GroupCommit=true"], Rows = ["1|a"] },
        new("header_group_commit_with_label", KeyValue, "1\ta\n", "group_commit: sync_mode", "label: g1") { Status = "Fail", Message = "[INVALID_ARGUMENT]", Rows = [] },
        new("header_timeout_not_a_number", KeyValue, "1\ta\n", "timeout: soon") { Status = "Fail", Message = "[INVALID_ARGUMENT]Invalid timeout format", Rows = [] },
        new("header_timeout_out_of_range", KeyValue, "1\ta\n", "timeout: 0")
        {
            Status = "Fail", Message = Analysis + "Invalid timeout: 0. Timeout should between 1 and 259200 seconds", Rows = [],
        },
        new("header_max_filter_ratio_out_of_range", KeyValue, "1\ta\n", "max_filter_ratio: 2") { Status = "Fail", Message = Analysis, Rows = [] },
        new("header_unknown_format", KeyValue, "1\ta\n", "format: xml") { Status = "Fail", Message = "[INTERNAL_ERROR]unknown data format, format=xml", Rows = [] },
        new("header_parquet_not_supported", KeyValue, "PAR1", "format: parquet") { Status = "Fail", Message = "[INTERNAL_ERROR]format parquet is not supported", Rows = [] },
        new("header_orc_not_supported", KeyValue, "ORC", "format: orc") { Status = "Fail", Message = "[INTERNAL_ERROR]format orc is not supported", Rows = [] },
        new("header_bad_merge_type", UniqueKeyValue, "1\ta\n", "merge_type: UPSERT") { Status = "Fail", Message = "[INVALID_ARGUMENT]Invalid merge type UPSERT", Rows = [] },
        new("header_merge_without_delete", UniqueKeyValue, "1\ta\n", "merge_type: MERGE")
        {
            Status = "Fail", Message = "[INVALID_ARGUMENT]Excepted DELETE ON clause when merge type is MERGE.", Rows = [],
        },
        new("header_bad_label", KeyValue, "1\ta\n", "label: no spaces please")
        {
            Status = "Fail", Message = Analysis + "Label format error. regex: ^[-_A-Za-z0-9:]{1,128}$, label: no spaces please", Rows = [],
        },
        new("header_label_too_long", KeyValue, "1\ta\n", "label: " + new string('a', 129)) { Status = "Fail", Message = Analysis + "Label format error.", Rows = [] },
        new("header_bad_timezone", KeyValue, "1\ta\n", "timezone: Mars/Olympus") { Status = "Fail", Message = Analysis, Rows = [] },
        new("header_bad_strict_mode", KeyValue, "1\ta\n", "strict_mode: maybe")
        {
            Status = "Fail", Message = "[INVALID_ARGUMENT]Invalid strict mode format. Must be bool type", Rows = [],
        },
        new("header_bad_boolean", KeyValue, "[]", "format: json", "strip_outer_array: yes") { Status = "Fail", Message = "[INVALID_ARGUMENT]", Rows = [] },
        new("header_multi_char_enclose", KeyValue, "1\ta\n", "enclose: ''") { Status = "Fail", Message = "[INVALID_ARGUMENT]enclose must be single-char", Rows = [] },
        new("header_bad_jsonpaths", KeyValue, "{}", "format: json", "jsonpaths: $.k") { Status = "Fail", Message = Analysis + "Invalid jsonpaths", Rows = [] },
        new("header_partitions_and_temporary_partitions", KeyValue, "1\ta\n", "partitions: p1", "temporary_partitions: p2")
        {
            Status = "Fail", Message = "[INVALID_ARGUMENT]Can not specify both partitions and temporary partitions", Rows = [],
        },
        new("header_bad_exec_mem_limit", KeyValue, "1\ta\n", "exec_mem_limit: lots") { Status = "Fail", Message = "[INVALID_ARGUMENT]", Rows = [] },
        new("header_bad_update_mode", UniqueKeyValue, "1\ta\n", "unique_key_update_mode: SOMETIMES") { Status = "Fail", Message = "[INVALID_ARGUMENT]", Rows = [] },
    ];
}
