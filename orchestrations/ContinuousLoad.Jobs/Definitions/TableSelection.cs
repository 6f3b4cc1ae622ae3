using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Jobs.Definitions;

/// <summary>
/// Which source tables a CDC job reads, and where each lands. A <c>cdc_stream(...)</c> job reads exactly one
/// (<see cref="One"/>) into the table its INSERT names; a database-level job (<c>FROM MYSQL (...) TO DATABASE</c>,
/// spec B.6) reads every table of the source database that <c>include_tables</c> lists (all when it is empty)
/// and <c>exclude_tables</c> does not, each into a table of the same name (or <c>table.&lt;src&gt;.target_table</c>)
/// without the columns <c>table.&lt;src&gt;.exclude_columns</c> names. Source names compare exactly, as both servers
/// store them.
/// </summary>
public sealed record TableSelection(
    bool WholeDatabase,
    IReadOnlyList<string> Include,
    IReadOnlyList<string> Exclude,
    IReadOnlyDictionary<string, string> Targets,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ExcludedColumns)
{
    /// <summary>The one table of a table-level job.</summary>
    public static TableSelection One(string table) =>
        new(false, [table], [], new Dictionary<string, string>(), new Dictionary<string, IReadOnlyList<string>>());

    /// <summary>The one source table of a table-level job.</summary>
    public string Single => WholeDatabase ? throw new InvalidOperationException("a database-level job reads several tables") : Include[0];

    public bool Includes(string table) => Include.Count > 0 ? Include.Contains(table, StringComparer.Ordinal) : !Exclude.Contains(table, StringComparer.Ordinal);

    /// <summary>The selected tables of those the source has, in name order (the order a snapshot reads them in).</summary>
    public IReadOnlyList<string> Of(IEnumerable<string> sourceTables) => [.. sourceTables.Where(Includes).Order(StringComparer.Ordinal)];

    /// <summary>The target table a source table loads into (a database-level job's; a table-level job names its own).</summary>
    public string TargetOf(string table) => Targets.GetValueOrDefault(table) ?? table;

    /// <summary>The source table a target table loads from.</summary>
    public string SourceOf(string target) =>
        Targets.FirstOrDefault(t => t.Value.Equals(target, StringComparison.OrdinalIgnoreCase)).Key ?? target;

    public bool IsExcluded(string table, string column) =>
        ExcludedColumns.TryGetValue(table, out var columns) && columns.Contains(column, StringComparer.OrdinalIgnoreCase);

    /// <summary>What the job reads, for <see cref="SourceParameters.Identity"/>.</summary>
    public string Identity => WholeDatabase
        ? $"include={string.Join(',', Include)};exclude={string.Join(',', Exclude)};targets={string.Join(',', Targets.OrderBy(t => t.Key, StringComparer.Ordinal))}"
        : Include[0];

    /// <summary>Reads the selection of a database-level job from its source properties.</summary>
    /// <exception cref="DorisException">A list is malformed, both lists are given, or a per-table key names no table.</exception>
    public static TableSelection Parse(IReadOnlyDictionary<string, string> values)
    {
        var include = Names(values.GetValueOrDefault("include_tables"));
        var exclude = Names(values.GetValueOrDefault("exclude_tables"));
        if (include.Count > 0 && exclude.Count > 0)
        {
            throw new DorisException("exclude_tables applies only when include_tables is empty");
        }

        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        var excludedColumns = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in values.Where(v => v.Key.StartsWith("table.", StringComparison.OrdinalIgnoreCase)))
        {
            var (table, setting) = PerTable(key);
            switch (setting)
            {
                case "target_table":
                    targets[table] = TargetName(value);
                    break;
                case "exclude_columns":
                    excludedColumns[table] = Names(value);
                    break;
                default:
                    throw new DorisException($"Unexpected key: '{key}'");
            }
        }

        var clashes = targets.GroupBy(t => t.Value, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (clashes.Count > 0)
        {
            throw new DorisException($"Two source tables cannot load into one target table: {string.Join(", ", clashes)}");
        }

        return new TableSelection(true, include, exclude, targets, excludedColumns);
    }

    /// <summary><c>table.&lt;src&gt;.&lt;setting&gt;</c>: the source table may itself hold dots, so the setting is the last part.</summary>
    private static (string Table, string Setting) PerTable(string key)
    {
        var last = key.LastIndexOf('.');
        var table = last > "table.".Length ? key["table.".Length..last] : "";
        return table.Length == 0 ? throw new DorisException($"Unexpected key: '{key}'") : (table, key[(last + 1)..].ToLowerInvariant());
    }

    private static string TargetName(string name)
    {
        try
        {
            return Identifiers.Table(name.Trim());
        }
        catch (DorisException e)
        {
            throw new DorisException($"Invalid target_table '{name}': {e.Message}");
        }
    }

    private static List<string> Names(string? list) =>
        list is null ? [] : [.. list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];
}
