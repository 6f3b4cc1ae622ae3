using ContinuousLoad.Sql;
using ContinuousLoad.Sql.Binding;
using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Tables.Queries;

/// <summary>
/// The columns of a FROM clause: each relation's columns at its ordinals, found by <c>column</c>,
/// <c>alias.column</c> or <c>db.table.column</c>. Names are case-insensitive, as in Doris.
/// </summary>
public sealed class RelationScope : IColumnScope
{
    private readonly List<Entry> _entries = [];

    public int Width { get; private set; }

    public IReadOnlyList<Entry> Entries => _entries;

    public Entry Add(string? database, string name, IReadOnlyList<(string Name, DataType Type)> columns)
    {
        if (_entries.Any(e => e.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new SqlSemanticException($"Not unique table/alias: '{name}'");
        }

        var entry = new Entry(database, name, columns, Width);
        _entries.Add(entry);
        Width += columns.Count;
        return entry;
    }

    /// <summary>Columns named in <c>USING (...)</c> resolve, unqualified, to the left relation's column.</summary>
    public void MergeUsing(IEnumerable<string> columns, Entry right)
    {
        foreach (var column in columns)
        {
            right.Merged.Add(column);
        }
    }

    public BoundExpression Resolve(ColumnReference column)
    {
        var parts = column.Parts;
        var name = parts[^1];
        IEnumerable<Entry> candidates = parts.Count switch
        {
            1 => _entries,
            2 => _entries.Where(e => e.Name.Equals(parts[0], StringComparison.OrdinalIgnoreCase)),
            _ => _entries.Where(e => e.Name.Equals(parts[1], StringComparison.OrdinalIgnoreCase)
                                     && e.Database?.Equals(parts[0], StringComparison.Ordinal) == true),
        };
        var matches = candidates
            .Select(e => (Entry: e, Index: e.IndexOf(name)))
            .Where(m => m.Index >= 0 && (parts.Count > 1 || !m.Entry.Merged.Contains(name)))
            .ToList();
        if (matches.Count == 0)
        {
            if (parts.Count > 1 && !candidates.Any())
            {
                throw new SqlSemanticException($"Unknown column '{string.Join('.', parts)}' in 'table list': unknown table or alias '{parts[^2]}'");
            }

            throw new SqlSemanticException($"Unknown column '{name}' in 'table list'");
        }

        if (matches.Count > 1)
        {
            throw new SqlSemanticException($"Column '{name}' in field list is ambiguous");
        }

        var (entry, index) = matches[0];
        return new BoundColumn(entry.FirstOrdinal + index, entry.Columns[index].Name, entry.Columns[index].Type);
    }

    /// <summary>A relation in scope: its alias (or table name), columns and first ordinal.</summary>
    public sealed class Entry(string? database, string name, IReadOnlyList<(string Name, DataType Type)> columns, int firstOrdinal)
    {
        public string? Database { get; } = database;

        public string Name { get; } = name;

        public IReadOnlyList<(string Name, DataType Type)> Columns { get; } = columns;

        public int FirstOrdinal { get; } = firstOrdinal;

        public HashSet<string> Merged { get; } = new(StringComparer.OrdinalIgnoreCase);

        public int IndexOf(string column)
        {
            for (var i = 0; i < Columns.Count; i++)
            {
                if (Columns[i].Name.Equals(column, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
