namespace ContinuousLoad.Sources.Postgres.Metadata;

/// <summary>A table column: its type as OID + modifier and as SQL text (format_type), nullability, comment, key position (1-based, 0 when not in the primary key).</summary>
public sealed record ColumnMetadata(string Name, int Ordinal, uint TypeOid, int TypeModifier, string TypeName, bool IsNullable, string? Comment, int PrimaryKeyPosition);
