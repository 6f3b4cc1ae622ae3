using ContinuousLoad.Sources.Changes;

namespace ContinuousLoad.Sources.MySql.Metadata;

/// <summary>
/// A base table: its columns in ordinal order, its primary key column names in key order (empty when
/// it has none), engine and comment, from information_schema.
/// </summary>
public sealed record TableInfo(string Schema, string Name, string? Engine, string Comment, IReadOnlyList<ColumnInfo> Columns, IReadOnlyList<string> PrimaryKey)
    : ChangeTable(Schema, Name)
{
    private string[]? _columnNames;

    public override IReadOnlyList<string> ColumnNames => _columnNames ??= [.. Columns.Select(c => c.Name)];

    public bool HasPrimaryKey => PrimaryKey.Count > 0;

    public ColumnInfo Column(string name) =>
        Columns.FirstOrDefault(column => string.Equals(column.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"Table {Schema}.{Name} has no column '{name}'.");

    public override string ToString() => $"{Schema}.{Name}";
}
