namespace ContinuousLoad.Sql.Sessions;

/// <summary>
/// The MySQL system variables a session shows besides those that bound a statement (<see cref="SessionVariables"/>):
/// what the <c>mysql</c> client, JDBC and .NET connectors and BI tools read or set when they connect (<c>SELECT
/// @@version_comment</c>, <c>SET NAMES utf8mb4</c>, <c>SET autocommit = 1</c>). Settable ones keep the value set, per
/// session or globally, and change nothing else: the store has no other character set, and every statement commits
/// on its own. Read-only ones describe the server.
/// </summary>
public static class SystemVariables
{
    /// <summary>The version the MySQL protocol reports, as Doris reports it (connectors compare it with MySQL's).</summary>
    public const string ServerVersion = "5.7.99";

    private static readonly Dictionary<string, SystemVariable> Known = new[]
    {
        Settable("autocommit", "1"),
        Settable("auto_increment_increment", "1"),
        Settable("character_set_client", "utf8mb4"),
        Settable("character_set_connection", "utf8mb4"),
        Settable("character_set_results", "utf8mb4"),
        ReadOnly("character_set_server", "utf8mb4"),
        ReadOnly("character_set_database", "utf8mb4"),
        Settable("collation_connection", "utf8mb4_0900_bin"),
        ReadOnly("collation_database", "utf8mb4_0900_bin"),
        ReadOnly("collation_server", "utf8mb4_0900_bin"),
        Settable("init_connect", ""),
        Settable("interactive_timeout", "3600"),
        ReadOnly("license", "Apache License, Version 2.0"),
        ReadOnly("lower_case_table_names", "0"),
        ReadOnly("max_allowed_packet", "16777216"),
        Settable("net_buffer_length", "16384"),
        Settable("net_read_timeout", "60"),
        Settable("net_write_timeout", "600"),
        ReadOnly("performance_schema", "0"),
        ReadOnly("query_cache_size", "0"),
        ReadOnly("query_cache_type", "OFF"),
        Settable("sql_auto_is_null", "0"),
        Settable("sql_mode", "ONLY_FULL_GROUP_BY"),
        Settable("sql_safe_updates", "0"),
        Settable("transaction_isolation", "REPEATABLE-READ"),
        Settable("tx_isolation", "REPEATABLE-READ"),
        Settable("transaction_read_only", "0"),
        Settable("tx_read_only", "0"),
        ReadOnly("version", ServerVersion),
        ReadOnly("version_comment", "ContinuousLoad (Apache Doris compatible)"),
        Settable("wait_timeout", "28800"),
    }.ToDictionary(v => v.Name, StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<SystemVariable> All => Known.Values;

    public static SystemVariable? Find(string name) => Known.GetValueOrDefault(name);

    private static SystemVariable Settable(string name, string value) => new(name, value, false);

    private static SystemVariable ReadOnly(string name, string value) => new(name, value, true);
}

/// <summary>One of <see cref="SystemVariables"/>: its name, its value until set, and whether SET may change it.</summary>
public sealed record SystemVariable(string Name, string Default, bool ReadOnly);
