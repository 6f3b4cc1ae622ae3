using ContinuousLoad.Sources.Postgres.Values;

namespace ContinuousLoad.Sources.Postgres.Changes;

/// <summary>
/// One row's values, positional over the relation's columns: decoded values (TextValueDecoder), null,
/// or <see cref="UnchangedToast.Value"/> for a TOASTed column an update did not touch.
/// </summary>
public sealed class RowImage(RelationSchema relation, object?[] values)
{
    public RelationSchema Relation { get; } = relation;

    public IReadOnlyList<object?> Values => values;

    public object? this[string column] => values[Relation.IndexOf(column) is var i and >= 0 ? i : throw new KeyNotFoundException($"{Relation.Table} has no column '{column}' in this image.")];

    public object? this[int ordinal] => values[ordinal];

    public bool IsUnchangedToast(int ordinal) => ReferenceEquals(values[ordinal], UnchangedToast.Value);
}
