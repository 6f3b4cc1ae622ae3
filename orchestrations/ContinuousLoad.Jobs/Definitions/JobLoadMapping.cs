using System.Globalization;
using ContinuousLoad.Ingest.Options;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Syntax.Queries;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Jobs.Definitions;

/// <summary>
/// Maps a job's <c>INSERT INTO t [(cols)] SELECT items FROM S3(...) [WHERE ...]</c> onto the load
/// pipeline's column mapping, the way a Stream Load's <c>columns</c> and <c>where</c> headers would say it:
/// the source fields are placeholders (<c>c1..cN</c> for CSV, the header's names for <c>csv_with_names</c>,
/// keys for JSON), every target column is derived from its SELECT item, and the WHERE filters rows.
/// </summary>
public static class JobLoadMapping
{
    /// <exception cref="DorisException">The SELECT does not fit the table or the format.</exception>
    public static LoadOptions Apply(LoadOptions format, SelectBody select, IReadOnlyList<string> insertColumns, TableSchema table)
    {
        var targets = insertColumns.Count > 0 ? [.. insertColumns] : table.VisibleColumns.Select(c => c.Name).ToList();
        foreach (var target in targets.Where(t => table.Find(t) is null))
        {
            throw new DorisException($"Unknown column '{target}' in table '{table.Name}'");
        }

        // Refused as a plain INSERT refuses it: the load plan cannot take two derived mappings of one column.
        foreach (var twice in targets.GroupBy(t => t, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            throw new DorisException($"Column '{twice.Key}' specified twice");
        }

        var star = select.Items.Count == 1 && select.Items[0].Expression is StarExpression;
        if (!star && select.Items.Any(i => i.Expression is StarExpression))
        {
            throw new DorisException("A streaming job's SELECT is either * or a list of expressions, not both");
        }

        if (!star && select.Items.Count != targets.Count)
        {
            throw new DorisException($"Column count doesn't match value count: {targets.Count} target column(s), {select.Items.Count} SELECT item(s)");
        }

        // Path partition keys are fields of their own, after the data fields; the data fields are everything else named.
        var pathFields = format.PathFields.Select(n => new ColumnMapping(n, null)).ToList();
        var referenced = select.Items.SelectMany(i => References(i.Expression)).Concat(select.Where is null ? [] : References(select.Where))
            .Where(n => !format.PathFields.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
        format = format with { TargetColumns = targets };
        return format.Format switch
        {
            LoadFormat.Csv or LoadFormat.CsvWithNamesAndTypes => Positional(format, select, targets, referenced, star, null, pathFields),
            LoadFormat.Json when format.Json.Paths is { } paths => Positional(format, select, targets, referenced, star, paths.Count, pathFields),
            LoadFormat.CsvWithNames => format with
            {
                SourceNamesFromHeader = true,
                Columns = star ? [] : [.. targets.Select((t, i) => new ColumnMapping(t, select.Items[i].Expression))],
                Where = select.Where,
                WhereOverSource = true,
            },
            _ => format with
            {
                // With *, the keys are the target names, and any other key the WHERE reads.
                Columns = star
                    ? [.. targets.Where(t => !IsPathField(format, t)).Concat(referenced).Distinct(StringComparer.OrdinalIgnoreCase)
                        .Select(n => new ColumnMapping(n, null)), .. pathFields]
                    : [.. referenced.Distinct(StringComparer.OrdinalIgnoreCase).Select(n => new ColumnMapping(n, null)), .. pathFields,
                        .. targets.Select((t, i) => new ColumnMapping(t, select.Items[i].Expression))],
                Where = select.Where,
                WhereOverSource = true,
            },
        };
    }

    /// <summary>
    /// Plain CSV: fields <c>c1..cN</c>, N the highest one named (with <c>*</c>: one per target column).
    /// JSON with <c>jsonpaths</c>: field <c>ci</c> is the i-th path's value, N the number of paths.
    /// </summary>
    private static LoadOptions Positional(LoadOptions format, SelectBody select, List<string> targets, List<string> referenced, bool star, int? paths,
        List<ColumnMapping> pathFields)
    {
        // With *, a target named like a path partition key takes its value; the others take c1, c2, ... in order.
        var dataTargets = star ? targets.Where(t => !IsPathField(format, t)).ToList() : targets;
        var highest = paths ?? (star ? dataTargets.Count : 0);
        foreach (var name in referenced)
        {
            if (!(name.Length > 1 && name[0] is 'c' or 'C' && int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var position)
                  && position >= 1))
            {
                throw new DorisException(paths is null
                    ? $"Unknown column '{name}': the columns of a CSV file are named c1, c2, ... (use csv_with_names to name them by the header)"
                    : $"Unknown column '{name}': with jsonpaths, the fields are named c1, c2, ... in the order of the paths");
            }

            if (paths is { } count && position > count)
            {
                throw new DorisException($"Unknown column '{name}': jsonpaths names {count} field(s), c1 to c{count}");
            }

            highest = Math.Max(highest, position);
        }

        if (paths is { } pathCount && star && pathCount < dataTargets.Count)
        {
            throw new DorisException($"Column count doesn't match value count: {dataTargets.Count} target column(s), {pathCount} jsonpaths");
        }

        var fields = Enumerable.Range(1, highest).Select(i => new ColumnMapping(Field(i), null));
        var derived = star
            ? dataTargets.Select((t, i) => new ColumnMapping(t, ColumnReference.Of(Field(i + 1))))
            : targets.Select((t, i) => new ColumnMapping(t, select.Items[i].Expression));
        return format with { Columns = [.. fields, .. pathFields, .. derived], Where = select.Where,
                WhereOverSource = true, ExtraFieldsIgnored = true };
    }

    private static bool IsPathField(LoadOptions format, string name) => format.PathFields.Contains(name, StringComparer.OrdinalIgnoreCase);

    private static string Field(int position) => "c" + position.ToString(CultureInfo.InvariantCulture);

    private static List<string> References(Expression expression)
    {
        var names = new List<string>();
        ExpressionRewriter.Rewrite(expression, e =>
        {
            if (e is ColumnReference column)
            {
                names.Add(column.Name);
            }

            return null;
        });
        return names;
    }
}
