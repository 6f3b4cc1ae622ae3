using ContinuousLoad.Sources.Postgres.Metadata;

namespace ContinuousLoad.Sources.Postgres.Changes;

/// <summary>
/// A table's shape as the stream knows it (pgoutput Relation, 'R'). Row images are positional over
/// <see cref="Columns"/>; a later <see cref="RelationChanged"/> replaces the shape for the rows after it.
/// </summary>
public sealed record RelationSchema(uint RelationId, TableName Table, ReplicaIdentity ReplicaIdentity, IReadOnlyList<RelationColumn> Columns)
{
    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == column)
            {
                return i;
            }
        }

        return -1;
    }
}
