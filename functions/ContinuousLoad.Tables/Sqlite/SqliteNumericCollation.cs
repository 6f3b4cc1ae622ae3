using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Tables.Sqlite;

/// <summary>
/// DECIMAL and LARGEINT values are stored as their exact decimal text; this collation (CL_NUMERIC)
/// orders and compares them by value, so keys, ORDER BY and MIN/MAX stay numeric and exact.
/// </summary>
internal static class SqliteNumericCollation
{
    public const string Name = "CL_NUMERIC";

    public static int Compare(string? left, string? right)
    {
        if (left is null || right is null)
        {
            return string.CompareOrdinal(left, right);
        }

        return NumericText.Compare(left, right);
    }
}
