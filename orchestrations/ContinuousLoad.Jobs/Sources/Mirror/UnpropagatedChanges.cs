using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Jobs.Sources.Mirror;

/// <summary>
/// What a source table changed that a database-level job does not propagate and reports instead (spec B.8): a column
/// the job put into the target (<see cref="SourceColumns"/>) whose source type now maps to another target type, and a
/// primary key that is no longer the target's key. Columns of a table the job did not create are the user's to type.
/// </summary>
public static class UnpropagatedChanges
{
    /// <param name="source">The source table as a target would be created from it now.</param>
    /// <param name="target">The target table.</param>
    /// <returns>One sentence, or null when nothing differs.</returns>
    public static string? Describe(MirroredTable source, TableSchema target)
    {
        var listed = SourceColumns.Of(target);
        if (listed.Count == 0)
        {
            return null;
        }

        var differences = new List<string>();
        foreach (var column in source.Columns)
        {
            if (listed.Contains(column.Name) && target.Find(column.Name) is { Hidden: false } existing && source.TargetType(column) is var type && type != existing.Type)
            {
                differences.Add($"column {column.Name} is now {type} (target: {existing.Type})");
            }
        }

        var key = target.Columns.Where(c => c.IsKey && !c.Hidden).Select(c => c.Name).ToList();
        if (!source.Key.SequenceEqual(key, StringComparer.OrdinalIgnoreCase))
        {
            differences.Add($"the primary key is now ({string.Join(", ", source.Key)}) (target: {string.Join(", ", key)})");
        }

        return differences.Count == 0
            ? null
            : $"Source table {source.Source} changed what a job does not propagate: {string.Join("; ", differences)}. Change target table {target.Name} " +
              "by hand (PAUSE JOB, re-create or alter it, RESUME JOB).";
    }
}
