using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.Postgres.Metadata;

namespace ContinuousLoad.Sources.Postgres.Changes;

/// <summary>
/// A table's shape as the stream knows it (pgoutput Relation, 'R'). Row images are positional over
/// <see cref="Columns"/>; a later <see cref="RelationChanged"/> replaces the shape for the rows after it.
/// </summary>
public sealed record RelationSchema(uint RelationId, TableName Table, ReplicaIdentity ReplicaIdentity, IReadOnlyList<RelationColumn> Columns)
    : ChangeTable(Table.Schema, Table.Name)
{
    private string[]? _columnNames;

    public override IReadOnlyList<string> ColumnNames => _columnNames ??= [.. Columns.Select(c => c.Name)];
}
