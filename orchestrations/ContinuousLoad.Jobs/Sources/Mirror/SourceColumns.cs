using System.Collections.Immutable;
using System.Text.Json;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Jobs.Sources.Mirror;

/// <summary>
/// The columns a database-level job put into a target table — those it created the table with and those it added
/// since — kept in the table's property <c>mirror.source_columns</c> (a JSON array of names). A column the source
/// drops is dropped from the target only when it is listed here (spec B.8), so a column a user added by hand, or a
/// table that existed before the job, never loses data to a drop.
/// </summary>
public static class SourceColumns
{
    public const string Property = "mirror.source_columns";

    /// <returns>The listed columns (empty: the job put none there, or the table is not one of a job's).</returns>
    public static IReadOnlySet<string> Of(TableSchema table)
    {
        var value = table.Properties.FirstOrDefault(p => p.Key.Equals(Property, StringComparison.OrdinalIgnoreCase))?.Value;
        return value is null
            ? ImmutableHashSet<string>.Empty
            : (JsonSerializer.Deserialize<string[]>(value) ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The property listing <paramref name="columns"/>, for CREATE TABLE.</summary>
    public static Property For(IEnumerable<string> columns) => new(Property, JsonSerializer.Serialize(columns.ToArray()));

    /// <summary>The table's properties once the job added <paramref name="added"/> and dropped <paramref name="dropped"/>.</summary>
    public static ImmutableArray<Property> After(TableSchema table, IEnumerable<string> added, IEnumerable<string> dropped)
    {
        var listed = Of(table);
        var columns = table.Columns.Where(c => !c.Hidden && listed.Contains(c.Name)).Select(c => c.Name)
            .Concat(added.Where(a => !listed.Contains(a)))
            .Except(dropped, StringComparer.OrdinalIgnoreCase);
        return [.. table.Properties.Where(p => !p.Key.Equals(Property, StringComparison.OrdinalIgnoreCase)), For(columns)];
    }
}
