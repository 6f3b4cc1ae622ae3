namespace ContinuousLoad.Tables.Sqlite;

/// <summary>Quoting for SQLite identifiers: every name is double-quoted with embedded quotes doubled.</summary>
internal static class SqliteNames
{
    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
