using System.Collections.Immutable;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Definitions;
using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Tables.Catalog;

/// <summary>
/// A table as the catalog knows it. It is persisted as its own SHOW CREATE TABLE text, so what users
/// see and what is stored are the same thing; <see cref="Version"/> counts schema changes.
/// </summary>
public sealed record TableSchema(
    string Database,
    string Name,
    KeyModel KeyModel,
    ImmutableArray<ColumnSchema> Columns,
    ImmutableArray<IndexDefinition> Indexes,
    string? Comment,
    PartitionScheme? Partitioning,
    DistributionDescription Distribution,
    ImmutableArray<Property> Properties,
    int Version = 1)
{
    public const string SequenceColumnProperty = "function_column.sequence_col";
    public const string SequenceTypeProperty = "function_column.sequence_type";

    /// <summary>The visible columns, in definition order.</summary>
    public IEnumerable<ColumnSchema> VisibleColumns => Columns.Where(c => !c.Hidden);

    public IEnumerable<ColumnSchema> KeyColumns => Columns.Where(c => c.IsKey);

    /// <summary>The column whose value orders versions of a key (UNIQUE with a sequence), or null.</summary>
    public ColumnSchema? SequenceColumn =>
        KeyModel != KeyModel.Unique ? null : Find(Identifiers.SequenceColumn) is { } hidden ? hidden
            : Property(SequenceColumnProperty) is { } mapped ? Find(mapped) : null;

    public bool HasDeleteSign => KeyModel == KeyModel.Unique;

    /// <summary>
    /// Whether a row may carry NULL in <paramref name="column"/> (an auto-increment column fills it in).
    /// The keys of UNIQUE and AGGREGATE tables identify rows, so they never hold NULL here.
    /// </summary>
    public bool AcceptsNull(ColumnSchema column) => column.AutoIncrement || (column.Nullable && !(column.IsKey && KeyModel != KeyModel.Duplicate));

    public ColumnSchema? Find(string name) =>
        Columns.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public int IndexOf(string name)
    {
        for (var i = 0; i < Columns.Length; i++)
        {
            if (Columns[i].Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    public string? Property(string key) =>
        Properties.FirstOrDefault(p => p.Key.Equals(key, StringComparison.OrdinalIgnoreCase))?.Value;

    public DataType TypeOf(string column) => Find(column)?.Type ?? throw new DorisException($"Unknown column '{column}' in '{Name}'");
}
