using System.Text;

namespace ContinuousLoad.Tables.Catalog;

/// <summary>
/// Name rules. Databases and tables follow Doris (<c>^[a-zA-Z][a-zA-Z0-9_-]*$</c>); columns may hold
/// any characters but control characters. All names fit PostgreSQL's 63-byte identifiers. Names are
/// always quoted when they reach a store, never spliced.
/// </summary>
public static class Identifiers
{
    public const int MaxBytes = 63;
    public const string DeleteSignColumn = "__DORIS_DELETE_SIGN__";
    public const string SequenceColumn = "__DORIS_SEQUENCE_COL__";
    public const string InternalPrefix = "__cl_";

    public static string Database(string name) => ObjectName(name, "database");

    public static string Table(string name) => ObjectName(name, "table");

    public static string Column(string name)
    {
        if (name.Length == 0 || Encoding.UTF8.GetByteCount(name) > MaxBytes)
        {
            throw new DorisException($"Incorrect column name '{name}'. Column names are 1 to {MaxBytes} bytes long");
        }

        if (name.Any(char.IsControl))
        {
            throw new DorisException($"Incorrect column name '{name}'. Column names cannot contain control characters");
        }

        if (name.StartsWith("__DORIS_", StringComparison.OrdinalIgnoreCase) || name.StartsWith(InternalPrefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new DorisException($"Incorrect column name '{name}'. Names starting with __DORIS_ are reserved for hidden columns");
        }

        return name;
    }

    private static string ObjectName(string name, string kind)
    {
        var valid = name.Length is > 0 and <= MaxBytes && char.IsAsciiLetter(name[0])
                    && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
        return valid
            ? name
            : throw new DorisException($"Incorrect {kind} name '{name}'. A {kind} name starts with a letter and holds only letters, digits, '_' and '-' (at most {MaxBytes} characters)");
    }
}
