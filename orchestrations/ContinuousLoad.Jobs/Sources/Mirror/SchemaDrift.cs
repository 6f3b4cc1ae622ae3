using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Jobs.Sources.Mirror;

/// <summary>
/// Compares the shape of each source table a database-level task's changes come in with the target table they load
/// (spec B.8). A source column the target lacks (and the job does not exclude) is an ADD COLUMN; a target column the
/// source no longer has is a DROP COLUMN when the job put it there (<see cref="SourceColumns"/>). Either is applied
/// before the task loads: <see cref="SourceColumnsChangedException"/> says what, the task rolls back, the target is
/// altered and the task runs again — with this drift, which remembers what it settled, so that the older shapes of
/// the same task's earlier changes do not undo it. An added and a dropped column at once (perhaps a rename) change
/// nothing; a column the job did not put there, or a key column, is not dropped. Each is said in <see cref="Notes"/>, which the job shows.
/// </summary>
public sealed class SchemaDrift(TableSelection tables)
{
    private readonly HashSet<ChangeTable> _seen = new(ReferenceEqualityComparer.Instance);
    private readonly SortedSet<string> _notes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _settled = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>What the task found and left as it is, one sentence per table.</summary>
    public string? Notes => _notes.Count == 0 ? null : string.Join(" ", _notes);

    /// <summary>The task runs again after <paramref name="change"/> was applied: its columns are settled, and the shapes are checked anew.</summary>
    public void Settled(SourceColumnsChangedException change)
    {
        if (!_settled.TryGetValue(change.TargetTable, out var settled))
        {
            _settled[change.TargetTable] = settled = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        }

        settled.UnionWith(change.Added);
        settled.UnionWith(change.Dropped);
        _seen.Clear();
        _notes.Clear();
    }

    /// <param name="source">The table as one change saw it.</param>
    /// <param name="target">The table its changes load.</param>
    /// <param name="loaded">The columns the target loads from it (with the delete sign).</param>
    /// <exception cref="SourceColumnsChangedException">The target should gain or lose columns first.</exception>
    public void Check(ChangeTable source, TableSchema target, IReadOnlyList<string> loaded)
    {
        if (_seen.Contains(source))
        {
            return;
        }

        var settled = _settled.GetValueOrDefault(target.Name) ?? [];
        var columns = source.ColumnNames;
        var added = columns.Where(c => !tables.IsExcluded(source.Name, c) && !loaded.Contains(c, StringComparer.OrdinalIgnoreCase) && !settled.Contains(c)).ToList();
        var missing = loaded.Where(c => !c.Equals(Identifiers.DeleteSignColumn, StringComparison.OrdinalIgnoreCase)
                                        && !columns.Contains(c, StringComparer.OrdinalIgnoreCase) && !settled.Contains(c)).ToList();
        var listed = SourceColumns.Of(target);
        var dropped = missing.Where(c => listed.Contains(c) && target.Find(c) is { IsKey: false }).ToList();
        var kept = missing.Except(dropped).ToList();
        var name = $"{source.Schema}.{source.Name}";
        // On a table of the job's, a rename shows as an added and a dropped column of its own; on any other, as an added and a missing one.
        var gone = listed.Count > 0 ? dropped : missing;
        if (added.Count > 0 && gone.Count > 0)
        {
            _notes.Add($"Source table {name} has column(s) {string.Join(", ", added)} and lacks {string.Join(", ", gone)} of target " +
                       $"table {target.Name}: possibly a rename, which is not applied; change the target by hand (PAUSE, ALTER TABLE, RESUME).");
        }
        else
        {
            if (kept.Count > 0)
            {
                _notes.Add($"Source table {name} has no column {string.Join(", ", kept)} of target table {target.Name}: it loads NULL from now on and is not " +
                           "dropped (the job drops only the non-key columns it created; drop it by hand if the source dropped it).");
            }

            if (added.Count > 0 || dropped.Count > 0)
            {
                throw new SourceColumnsChangedException(source.Name, target.Name, added, dropped);
            }
        }

        _seen.Add(source);
    }
}

/// <summary>Source table <paramref name="SourceTable"/> gained <paramref name="Added"/> and lost <paramref name="Dropped"/> of its target <paramref name="TargetTable"/>: they are changed before the task loads.</summary>
public sealed class SourceColumnsChangedException(string sourceTable, string targetTable, IReadOnlyList<string> added, IReadOnlyList<string> dropped)
    : Exception($"Source table {sourceTable} has new column(s) [{string.Join(", ", added)}] and dropped [{string.Join(", ", dropped)}] for target table {targetTable}")
{
    public string SourceTable { get; } = sourceTable;

    public string TargetTable { get; } = targetTable;

    public IReadOnlyList<string> Added { get; } = added;

    public IReadOnlyList<string> Dropped { get; } = dropped;
}
