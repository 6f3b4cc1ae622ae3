namespace ContinuousLoad.Sources.Postgres.Metadata;

/// <summary>A table as the catalog describes it; <see cref="PrimaryKey"/> is in key order and empty when the table has none.</summary>
public sealed record TableMetadata(TableName Name, uint RelationId, string? Comment, ReplicaIdentity ReplicaIdentity, bool IsPartitioned, IReadOnlyList<ColumnMetadata> Columns)
{
    public IReadOnlyList<ColumnMetadata> PrimaryKey => [.. Columns.Where(c => c.PrimaryKeyPosition > 0).OrderBy(c => c.PrimaryKeyPosition)];
}
