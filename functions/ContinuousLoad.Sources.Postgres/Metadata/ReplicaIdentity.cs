namespace ContinuousLoad.Sources.Postgres.Metadata;

/// <summary>pg_class.relreplident: what old-row data updates and deletes carry.</summary>
public enum ReplicaIdentity
{
    Default = 'd',
    Nothing = 'n',
    Full = 'f',
    Index = 'i',
}
