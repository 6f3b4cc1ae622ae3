using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Jobs.Sources.Mirror;

/// <summary>
/// Compares the shape of each source table a database-level task's changes come in with the columns its target
/// loads (spec B.8). A source column the target lacks (and the job does not exclude) is an ADD COLUMN to apply
/// before the task loads: <see cref="SourceColumnsAddedException"/> says so, and the task runs again on the
/// widened table. A column only the target has is not dropped: it may be the user's, and it loads NULL from then
/// on; both at once (perhaps a rename) change nothing. Either is said in <see cref="Notes"/>, which the job shows.
/// </summary>
public sealed class SchemaDrift(TableSelection tables)
{
    private readonly Dictionary<ChangeTable, bool> _seen = new(ReferenceEqualityComparer.Instance);
    private readonly SortedSet<string> _notes = new(StringComparer.Ordinal);

    /// <summary>What the task found and left as it is, one sentence per table.</summary>
    public string? Notes => _notes.Count == 0 ? null : string.Join(" ", _notes);

    /// <param name="source">The table as one change saw it.</param>
    /// <param name="loaded">The columns the target loads from it (with the delete sign).</param>
    /// <exception cref="SourceColumnsAddedException">The source has columns the target should get first.</exception>
    public void Check(ChangeTable source, string target, IReadOnlyList<string> loaded)
    {
        if (_seen.ContainsKey(source))
        {
            return;
        }

        var columns = source.ColumnNames;
        var added = columns.Where(c => !tables.IsExcluded(source.Name, c) && !loaded.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        var missing = loaded.Where(c => !c.Equals(Identifiers.DeleteSignColumn, StringComparison.OrdinalIgnoreCase) && !columns.Contains(c, StringComparer.OrdinalIgnoreCase))
            .ToList();
        if (added.Count > 0 && missing.Count > 0)
        {
            _notes.Add($"Source table {source.Schema}.{source.Name} has column(s) {string.Join(", ", added)} and lacks {string.Join(", ", missing)} of target " +
                       $"table {target}: possibly a rename, which is not applied; change the target by hand (PAUSE, ALTER TABLE, RESUME).");
        }
        else if (missing.Count > 0)
        {
            _notes.Add($"Source table {source.Schema}.{source.Name} has no column {string.Join(", ", missing)} of target table {target}: " +
                       "it loads NULL from now on and is not dropped (drop it by hand if the source dropped it).");
        }
        else if (added.Count > 0)
        {
            throw new SourceColumnsAddedException(source.Name, target, added);
        }

        _seen[source] = true;
    }
}

/// <summary>Source table <paramref name="SourceTable"/> has columns its target <paramref name="TargetTable"/> does not: they are added before the task loads.</summary>
public sealed class SourceColumnsAddedException(string sourceTable, string targetTable, IReadOnlyList<string> columns)
    : Exception($"Source table {sourceTable} has new column(s) {string.Join(", ", columns)} for target table {targetTable}")
{
    public string SourceTable { get; } = sourceTable;

    public string TargetTable { get; } = targetTable;

    public IReadOnlyList<string> Columns { get; } = columns;
}
