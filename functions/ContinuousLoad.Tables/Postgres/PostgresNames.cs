namespace ContinuousLoad.Tables.Postgres;

/// <summary>Quoting for PostgreSQL identifiers; every name is double-quoted.</summary>
internal static class PostgresNames
{
    public const string Catalog = "cl_catalog";

    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Table(string database, string table) => $"{Quote(database)}.{Quote(table)}";
}
