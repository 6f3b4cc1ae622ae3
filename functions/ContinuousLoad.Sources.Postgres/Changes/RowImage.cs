using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.Postgres.Values;

namespace ContinuousLoad.Sources.Postgres.Changes;

/// <summary>
/// One row's values, positional over the relation's columns: decoded values (TextValueDecoder) or null.
/// Absent (not sent) are a TOASTed column an update did not touch, and — in a key-only old row
/// (<paramref name="keyOnly"/>, pgoutput 'K') — every column outside the replica identity key.
/// </summary>
public sealed class RowImage(RelationSchema relation, object?[] values, bool keyOnly = false) : RowValues
{
    public RelationSchema Relation { get; } = relation;

    public override ChangeTable Table => Relation;

    /// <summary>Only the replica identity key was sent (the old row of an update or delete under REPLICA IDENTITY DEFAULT or USING INDEX).</summary>
    public bool IsKeyOnly { get; } = keyOnly;

    public override int Count => values.Length;

    public override object? this[int column] => IsPresent(column) ? values[column] : null;

    public override bool IsPresent(int column) => !IsUnchangedToast(column) && (!IsKeyOnly || Relation.Columns[column].IsKey);

    public override bool IsNull(int column) => IsPresent(column) && values[column] is null;

    public bool IsUnchangedToast(int column) => ReferenceEquals(values[column], UnchangedToast.Value);
}
