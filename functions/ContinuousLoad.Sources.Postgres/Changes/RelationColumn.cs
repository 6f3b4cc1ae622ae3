using ContinuousLoad.Sources.Postgres.Values;

namespace ContinuousLoad.Sources.Postgres.Changes;

/// <summary>A column as pgoutput describes it: name, type (OID, modifier, resolved kind) and whether it is part of the replica identity key.</summary>
public sealed record RelationColumn(string Name, uint TypeOid, int TypeModifier, bool IsKey, PgTypeInfo Type);
