using System.Collections.Immutable;
using System.Globalization;
using ContinuousLoad.Sql.Syntax;

namespace ContinuousLoad.Sql.Sessions;

/// <summary>
/// The session variables that bound what one statement may cost, with Doris's names: <c>query_timeout</c>
/// and <c>insert_timeout</c> (seconds), <c>sql_select_limit</c> (rows a SELECT returns) and our
/// <c>max_scan_rows</c> (rows a query may read before it is stopped; 0 means no limit). Set per session
/// with <c>SET</c>, for every later session with <c>SET GLOBAL</c>, per statement with
/// <c>/*+ SET_VAR(...) */</c>; the host's configuration gives the starting values.
/// </summary>
public sealed record SessionVariables(int QueryTimeout, int InsertTimeout, long SqlSelectLimit, long MaxScanRows)
{
    /// <summary>Values set for the <see cref="SystemVariables"/> connectors use, by lower-case name; the others have their defaults.</summary>
    public ImmutableSortedDictionary<string, string> Others { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    public const string QueryTimeoutName = "query_timeout";
    public const string InsertTimeoutName = "insert_timeout";
    public const string SqlSelectLimitName = "sql_select_limit";
    public const string MaxScanRowsName = "max_scan_rows";

    /// <summary>Doris's defaults: 900 s per query, 4 hours per INSERT, no row limits.</summary>
    public static SessionVariables Default { get; } = new(900, 14_400, long.MaxValue, 0);

    public static IReadOnlyList<string> Names { get; } = [QueryTimeoutName, InsertTimeoutName, SqlSelectLimitName, MaxScanRowsName];

    /// <summary>This set with one variable changed; a null value restores it from <paramref name="defaults"/>.</summary>
    /// <exception cref="SqlSemanticException">No such variable, or the value does not fit it.</exception>
    public SessionVariables With(string name, string? value, SessionVariables defaults) => name.ToLowerInvariant() switch
    {
        QueryTimeoutName => this with { QueryTimeout = value is null ? defaults.QueryTimeout : (int)Number(name, value, 1, int.MaxValue) },
        InsertTimeoutName => this with { InsertTimeout = value is null ? defaults.InsertTimeout : (int)Number(name, value, 1, int.MaxValue) },
        SqlSelectLimitName => this with { SqlSelectLimit = value is null ? defaults.SqlSelectLimit : Number(name, value, 0, long.MaxValue) },
        MaxScanRowsName => this with { MaxScanRows = value is null ? defaults.MaxScanRows : Number(name, value, 0, long.MaxValue) },
        _ => WithOther(name, value, defaults),
    };

    /// <summary>The value of any variable a session shows, as text; null for an unknown name.</summary>
    public string? ValueOf(string name) => name.ToLowerInvariant() switch
    {
        QueryTimeoutName => QueryTimeout.ToString(CultureInfo.InvariantCulture),
        InsertTimeoutName => InsertTimeout.ToString(CultureInfo.InvariantCulture),
        SqlSelectLimitName => SqlSelectLimit.ToString(CultureInfo.InvariantCulture),
        MaxScanRowsName => MaxScanRows.ToString(CultureInfo.InvariantCulture),
        var lower => Others.TryGetValue(lower, out var value) ? value : SystemVariables.Find(lower)?.Default,
    };

    /// <summary>Every variable a session shows, with its value, by name.</summary>
    public IEnumerable<(string Name, string Value)> All() =>
        Names.Concat(SystemVariables.All.Select(v => v.Name)).Order(StringComparer.Ordinal).Select(n => (n, ValueOf(n)!));

    private SessionVariables WithOther(string name, string? value, SessionVariables defaults)
    {
        var known = SystemVariables.Find(name) ?? throw new SqlSemanticException(
            $"Unknown system variable '{name}'; the variables that bound statements are {string.Join(", ", Names)}");
        if (known.ReadOnly)
        {
            throw new SqlSemanticException($"Variable '{known.Name}' is a read only variable");
        }

        return this with { Others = Others.SetItem(known.Name, value ?? defaults.ValueOf(known.Name)!) };
    }

    /// <summary>This set with a statement's <c>SET_VAR</c> hints applied.</summary>
    public SessionVariables With(NodeList<Property> hints)
    {
        var variables = this;
        foreach (var hint in hints)
        {
            variables = variables.With(hint.Key, hint.Value, this);
        }

        return variables;
    }

    private static long Number(string name, string value, long minimum, long maximum)
    {
        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            throw new SqlSemanticException($"Incorrect argument type to variable '{name}'");
        }

        return number >= minimum && number <= maximum
            ? number
            : throw new SqlSemanticException($"Variable '{name}' can't be set to the value of '{value}' (it must be between {minimum} and {maximum})");
    }
}
