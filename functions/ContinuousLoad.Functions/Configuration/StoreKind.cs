namespace ContinuousLoad.Functions.Configuration;

/// <summary>Where state lives: the embedded SQLite store (default) or a shared PostgreSQL server.</summary>
public enum StoreKind
{
    Sqlite,
    Postgres,
}
